using System.Text;
using AgentSafety.OpenFga.Model;

namespace AgentSafety.OpenFga.Dsl;

/// <summary>
/// Reads the OpenFGA modeling language (schema 1.1): <c>model</c>, <c>type</c> blocks with <c>define</c> lines,
/// and <c>condition</c> blocks. The parser is line-based, like the language: one definition per line.
/// </summary>
/// <remarks>
/// Syntax errors carry our own messages, not the ANTLR wording OpenFGA's parser produces; the line numbers agree.
/// Semantic checks (undefined relations, bad type restrictions, ...) live in <see cref="ModelValidator"/>.
/// </remarks>
public static class DslParser
{
    /// <summary>Parses a model and validates it.</summary>
    /// <exception cref="FgaModelSyntaxException">The text is not well-formed.</exception>
    /// <exception cref="FgaModelValidationException">The model is well-formed but not valid.</exception>
    public static AuthorizationModel Parse(string dsl)
    {
        var model = ParseUnvalidated(dsl);
        ModelValidator.ThrowIfInvalid(model);
        return model;
    }

    /// <summary>Parses a model without the semantic checks.</summary>
    /// <exception cref="FgaModelSyntaxException">The text is not well-formed.</exception>
    public static AuthorizationModel ParseUnvalidated(string dsl) =>
        ParseDocument(dsl).ToModel();

    internal static DslDocument ParseDocument(string dsl)
    {
        ArgumentNullException.ThrowIfNull(dsl);
        var lines = dsl.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var document = new DslDocument();
        var state = new ParserState(lines, document);
        state.Run();
        return document;
    }

    private sealed class ParserState(string[] lines, DslDocument document)
    {
        private int _index;
        private DslTypeBuilder? _currentType;
        private bool _inRelations;
        private int _typeIndent;
        private int _relationsIndent;

        public void Run()
        {
            ReadHeader();
            while (NextContentLine() is { } line)
            {
                var indent = IndentOf(line.Raw);
                var text = line.Text;
                if (indent == 0)
                {
                    _currentType = null;
                    _inRelations = false;
                }

                if (text.StartsWith("type ", StringComparison.Ordinal) || text == "type")
                    StartType(text["type".Length..].Trim(), line.Number, indent, extends: false);
                else if (text.StartsWith("extend type ", StringComparison.Ordinal))
                    StartType(text["extend type".Length..].Trim(), line.Number, indent, extends: true);
                else if (text.StartsWith("condition ", StringComparison.Ordinal))
                    ReadCondition(line.Number);
                else if (text == "relations")
                    StartRelations(line.Number, indent);
                else if (text.StartsWith("define ", StringComparison.Ordinal))
                    ReadDefine(text, line.Number, indent);
                else
                    throw new FgaModelSyntaxException($"unexpected '{FirstWord(text)}'", line.Number);
            }
        }

        private void ReadHeader()
        {
            var first = NextContentLine()
                ?? throw new FgaModelSyntaxException("the model is empty; expected 'model'", 0);
            if (IndentOf(first.Raw) != 0)
                throw new FgaModelSyntaxException("'model' must start at the beginning of a line", first.Number);

            if (first.Text.StartsWith("module ", StringComparison.Ordinal))
            {
                var name = first.Text["module ".Length..].Trim();
                if (!ObjectIdentifier.IsValidName(name, 254))
                    throw new FgaModelSyntaxException($"'{name}' is not a valid module name", first.Number);
                document.Module = name;
                return;
            }

            if (first.Text != "model")
                throw new FgaModelSyntaxException($"expected 'model' but found '{FirstWord(first.Text)}'",
                    first.Number);

            var schema = NextContentLine()
                ?? throw new FgaModelSyntaxException("expected 'schema 1.1' after 'model'", first.Number);
            var parts = schema.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (IndentOf(schema.Raw) == 0 || parts.Length != 2 || parts[0] != "schema")
                throw new FgaModelSyntaxException("expected an indented 'schema 1.1' after 'model'", schema.Number);
            if (!IsSchemaVersion(parts[1]))
                throw new FgaModelSyntaxException($"'{parts[1]}' is not a schema version such as 1.1", schema.Number);
            document.SchemaVersion = parts[1];
            document.SchemaLine = schema.Number;
        }

        private void StartType(string name, int lineNumber, int indent, bool extends)
        {
            if (!IsIdentifier(name, allowSlash: true))
                throw new FgaModelSyntaxException($"'{name}' is not a valid type name", lineNumber);
            if (extends && document.Module is null)
                throw new FgaModelSyntaxException("'extend type' is only allowed in a module", lineNumber);
            if (extends && document.Types.Any(t => t.Extends && t.Name == name))
                throw new FgaModelSyntaxException($"'{name}' is already extended in file.", lineNumber);

            _currentType = new DslTypeBuilder(name, lineNumber, extends);
            document.Types.Add(_currentType);
            _inRelations = false;
            _typeIndent = indent;
        }

        private void StartRelations(int lineNumber, int indent)
        {
            if (_currentType is null || indent <= _typeIndent || _inRelations)
                throw new FgaModelSyntaxException("'relations' must follow a 'type' line, indented", lineNumber);
            _inRelations = true;
            _relationsIndent = indent;
        }

        private void ReadDefine(string text, int lineNumber, int indent)
        {
            if (_currentType is null || !_inRelations || indent <= _relationsIndent)
                throw new FgaModelSyntaxException("'define' must sit, indented, under 'relations'", lineNumber);

            var colon = text.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
                throw new FgaModelSyntaxException("expected ':' after the relation name", lineNumber);
            var name = text["define ".Length..colon].Trim();
            if (!IsIdentifier(name, allowSlash: true))
                throw new FgaModelSyntaxException($"'{name}' is not a valid relation name", lineNumber);

            if (_currentType.Relations.Any(r => r.Name == name))
                throw new FgaModelSyntaxException($"'{name}' is already defined in '{_currentType.Name}'", lineNumber);

            var expression = new RewriteParser(text[(colon + 1)..], lineNumber).ParseDefinition();
            _currentType.Relations.Add(new DslRelation(name, expression.Rewrite, expression.DirectTypes, lineNumber));
        }

        private void ReadCondition(int lineNumber)
        {
            // A condition may span lines, so it is read from the raw text rather than line by line.
            var builder = new StringBuilder();
            var start = _index - 1;
            var depth = 0;
            var sawOpen = false;
            var inString = '\0';
            int lineIndex;
            for (lineIndex = start; lineIndex < lines.Length; lineIndex++)
            {
                var raw = lines[lineIndex];
                for (var i = 0; i < raw.Length; i++)
                {
                    var c = raw[i];
                    builder.Append(c);
                    if (inString != '\0')
                    {
                        if (c == '\\' && i + 1 < raw.Length)
                            builder.Append(raw[++i]);
                        else if (c == inString)
                            inString = '\0';
                        continue;
                    }

                    if (c is '"' or '\'')
                        inString = c;
                    else if (c == '{')
                    {
                        depth++;
                        sawOpen = true;
                    }
                    else if (c == '}' && --depth == 0 && sawOpen)
                    {
                        var rest = StripComment(raw[(i + 1)..]).Trim();
                        if (rest.Length > 0)
                            throw new FgaModelSyntaxException($"unexpected '{rest}' after a condition", lineIndex);
                        _index = lineIndex + 1;
                        var condition = ConditionParser.Parse(builder.ToString(), lineNumber);
                        if (document.Conditions.Any(c => c.Name == condition.Name))
                            throw new FgaModelSyntaxException(
                                $"condition '{condition.Name}' is already defined in the model", lineNumber);
                        document.Conditions.Add(condition);
                        _currentType = null;
                        _inRelations = false;
                        return;
                    }
                }

                builder.Append('\n');
            }

            throw new FgaModelSyntaxException("the condition has no closing '}'", lineNumber);
        }

        private ContentLine? NextContentLine()
        {
            while (_index < lines.Length)
            {
                var raw = lines[_index];
                var number = _index++;
                var text = StripComment(raw).Trim();
                if (text.Length > 0)
                    return new ContentLine(raw, text, number);
            }

            return null;
        }
    }

    private readonly record struct ContentLine(string Raw, string Text, int Number);

    internal static string StripComment(string line)
    {
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] == '#' && (i == 0 || char.IsWhiteSpace(line[i - 1])))
                return line[..i];
        }

        return line;
    }

    private static bool IsSchemaVersion(string text)
    {
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 && dot < text.Length - 1 && text.Remove(dot, 1).All(char.IsAsciiDigit);
    }

    private static int IndentOf(string line)
    {
        var count = 0;
        while (count < line.Length && line[count] is ' ' or '\t')
            count++;
        return count;
    }

    private static string FirstWord(string text)
    {
        var space = text.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? text : text[..space];
    }

    internal static bool IsIdentifier(string text, bool allowSlash)
    {
        if (text.Length == 0)
            return false;
        foreach (var c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('_' or '-' or '.') && !(allowSlash && c == '/'))
                return false;
        }

        return true;
    }
}
