using AgentSafety.OpenFga.Model;

namespace AgentSafety.OpenFga.Dsl;

/// <summary>
/// Parses the right-hand side of a <c>define</c> line. Operators of different kinds may not be mixed without
/// parentheses, and <c>but not</c> takes exactly two operands, as in OpenFGA's grammar.
/// </summary>
internal sealed class RewriteParser
{
    private readonly List<string> _tokens;
    private readonly int _line;
    private int _position;
    private List<RelationReference>? _directTypes;

    public RewriteParser(string text, int line)
    {
        _line = line;
        _tokens = Tokenize(DslParser.StripComment(text), line);
    }

    public (Userset Rewrite, IReadOnlyList<RelationReference> DirectTypes) ParseDefinition()
    {
        if (_tokens.Count == 0)
            throw Error("expected a relation definition after ':'");

        var rewrite = ParseExpression();
        if (_position < _tokens.Count)
            throw Error($"unexpected '{_tokens[_position]}'");
        return (rewrite, (IReadOnlyList<RelationReference>?)_directTypes ?? []);
    }

    private Userset ParseExpression()
    {
        var first = ParseTerm();
        var op = Peek();
        if (op is "or" or "and")
        {
            var children = new List<Userset> { first };
            while (Peek() == op)
            {
                _position++;
                children.Add(ParseTerm());
            }

            if (Peek() is "or" or "and" or "but")
                throw Error("operators 'or', 'and' and 'but not' cannot be mixed without parentheses");
            return op == "or" ? new UnionUserset(children) : new IntersectionUserset(children);
        }

        if (op == "but")
        {
            _position++;
            Expect("not");
            var subtract = ParseTerm();
            if (Peek() is "or" or "and" or "but")
                throw Error("operators 'or', 'and' and 'but not' cannot be mixed without parentheses");
            return new DifferenceUserset(first, subtract);
        }

        return first;
    }

    private Userset ParseTerm()
    {
        var token = Next("a relation, '[' or '('");
        if (token == "(")
        {
            var inner = ParseExpression();
            Expect(")");
            return inner;
        }

        if (token == "[")
        {
            // As in OpenFGA's grammar, the directly related types may only open the definition.
            if (_directTypes is not null || _tokens.Take(_position - 1).Any(t => t != "("))
                throw Error("the directly related types '[...]' must come first in a relation definition");
            _directTypes = ParseTypeRestrictions();
            return DirectUserset.Instance;
        }

        if (!IsName(token))
            throw Error($"unexpected '{token}'");

        if (Peek() == "from")
        {
            _position++;
            var tupleset = Next("a relation after 'from'");
            if (!IsName(tupleset))
                throw Error($"unexpected '{tupleset}' after 'from'");
            return new TupleToUserset(tupleset, token);
        }

        return new ComputedUserset(token);
    }

    private List<RelationReference> ParseTypeRestrictions()
    {
        var references = new List<RelationReference>();
        while (true)
        {
            var type = Next("a type");
            if (!IsName(type))
                throw Error($"expected a type but found '{type}'");

            string? relation = null;
            var wildcard = false;
            if (Peek() == ":")
            {
                _position++;
                Expect("*");
                wildcard = true;
            }
            else if (Peek() == "#")
            {
                _position++;
                relation = Next("a relation after '#'");
                if (!IsName(relation))
                    throw Error($"expected a relation after '#' but found '{relation}'");
            }

            string? condition = null;
            if (Peek() == "with")
            {
                _position++;
                condition = Next("a condition name after 'with'");
                if (!IsName(condition))
                    throw Error($"expected a condition name after 'with' but found '{condition}'");
            }

            references.Add(new RelationReference(type, relation, wildcard, condition));
            var separator = Next("',' or ']'");
            if (separator == "]")
                return references;
            if (separator != ",")
                throw Error($"expected ',' or ']' but found '{separator}'");
        }
    }

    private string? Peek() => _position < _tokens.Count ? _tokens[_position] : null;

    private string Next(string expected) =>
        _position < _tokens.Count ? _tokens[_position++] : throw Error($"expected {expected} at the end of the line");

    private void Expect(string token)
    {
        var actual = Next($"'{token}'");
        if (actual != token)
            throw Error($"expected '{token}' but found '{actual}'");
    }

    private static bool IsName(string token) =>
        DslParser.IsIdentifier(token, allowSlash: true) && token is not ("or" or "and" or "but" or "not" or "from");

    private FgaModelSyntaxException Error(string message) => new(message, _line);

    private static List<string> Tokenize(string text, int line)
    {
        var tokens = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            if (c is '[' or ']' or '(' or ')' or ',' or ':' or '#' or '*')
            {
                tokens.Add(c.ToString());
                i++;
                continue;
            }

            var start = i;
            while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] is '_' or '-' or '.' or '/'))
                i++;
            if (i == start)
                throw new FgaModelSyntaxException($"unexpected character '{c}'", line);
            tokens.Add(text[start..i]);
        }

        return tokens;
    }
}
