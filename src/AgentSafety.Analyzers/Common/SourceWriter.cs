using System;
using System.Text;

namespace AgentSafety.Analyzers.Common;

/// <summary>Writes C# source line by line, keeping track of indentation for blocks.</summary>
internal sealed class SourceWriter
{
    private const int IndentSize = 4;

    private readonly StringBuilder _text = new();
    private int _indent;

    public void Line(string line = "")
    {
        if (line.Length > 0)
            _text.Append(' ', _indent * IndentSize).Append(line);

        _text.Append('\n');
    }

    public void Lines(string block)
    {
        foreach (var line in block.Replace("\r\n", "\n").Split('\n'))
            Line(line);
    }

    public void OpenBlock(string header)
    {
        Line(header);
        OpenBrace();
    }

    public void OpenBrace()
    {
        Line("{");
        _indent++;
    }

    public void CloseBlock(string suffix = "")
    {
        _indent = Math.Max(0, _indent - 1);
        Line("}" + suffix);
    }

    public override string ToString() => _text.ToString();
}
