using System.Text.Json;
using Microsoft.Extensions.AI;

namespace StockTrader.Agent;

/// <summary>Prints the conversation: prompts, tool calls, tool results (or denials) and the model's answers.</summary>
public sealed class Transcript(TextWriter output)
{
    private int _allowed;
    private int _denied;

    public void UserSaid(string user, string prompt)
    {
        output.WriteLine();
        output.WriteLine($"{user}> {prompt}");
    }

    public void Show(ChatResponse response)
    {
        foreach (var content in response.Messages.SelectMany(message => message.Contents))
        {
            switch (content)
            {
                case FunctionResultContent result:
                    ShowResult(result);
                    break;
                case TextContent text:
                    output.WriteLine($"assistant> {text.Text}");
                    break;
            }
        }
    }

    public void ToolCalled(string tool, IDictionary<string, object?> arguments) =>
        output.WriteLine($"  [tool call] {tool}({Format(arguments)})");

    public void Summarize()
    {
        output.WriteLine();
        output.WriteLine($"Tool calls allowed: {_allowed}, denied: {_denied}");
    }

    private void ShowResult(FunctionResultContent result)
    {
        var read = ToolResultJson.From(result);
        if (read.IsDenied)
            _denied++;
        else
            _allowed++;

        output.WriteLine($"  [tool {(read.IsDenied ? "denied" : "result")}] {read.Json}");
    }

    private static string Format(IDictionary<string, object?> arguments) =>
        string.Join(", ", arguments.Select(argument => $"{argument.Key}: {argument.Value}"));
}
