// ITU-T X.680 §12 lexical items: identifiers, numbers, strings and the symbols 3GPP's ASN.1 modules use.
using System.Text;

namespace GlassCore.Asn1.Compiler;

public enum TokenKind
{
    Identifier,
    Number,
    CString,
    BString,
    HString,
    Symbol,
    End,
}

public sealed class Token
{
    public Token(TokenKind kind, string text, SourcePosition position)
    {
        Kind = kind;
        Text = text;
        Position = position;
    }

    public TokenKind Kind { get; }

    public string Text { get; }

    public SourcePosition Position { get; }

    public bool Is(string symbolOrWord) => Text == symbolOrWord && Kind != TokenKind.CString;

    public override string ToString() => Kind == TokenKind.End ? "end of file" : $"'{Text}'";
}

public readonly struct SourcePosition
{
    public SourcePosition(string file, int line, int column)
    {
        File = file;
        Line = line;
        Column = column;
    }

    public string File { get; }

    public int Line { get; }

    public int Column { get; }

    public override string ToString() => $"{File}({Line},{Column})";
}

/// <summary>A compile error with the position of the construct in the ASN.1 source.</summary>
public sealed class Asn1CompileException : Exception
{
    public Asn1CompileException(SourcePosition position, string message) : base($"{position}: {message}")
    {
        Position = position;
        Reason = message;
    }

    public SourcePosition Position { get; }

    public string Reason { get; }
}

public static class Lexer
{
    public static List<Token> Tokenize(string file, string text)
    {
        var tokens = new List<Token>();
        int i = 0;
        int line = 1;
        int lineStart = 0;
        SourcePosition Pos(int at) => new(file, line, at - lineStart + 1);
        while (i < text.Length)
        {
            char c = text[i];
            if (c == '\n')
            {
                line++;
                i++;
                lineStart = i;
                continue;
            }
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }
            // X.680 §12.6: "--" starts a comment that ends at the next "--" or the end of the line.
            if (c == '-' && i + 1 < text.Length && text[i + 1] == '-')
            {
                i += 2;
                while (i < text.Length && text[i] != '\n')
                {
                    if (text[i] == '-' && i + 1 < text.Length && text[i + 1] == '-')
                    {
                        i += 2;
                        break;
                    }
                    i++;
                }
                continue;
            }
            if (c == '/' && i + 1 < text.Length && text[i + 1] == '*')
            {
                var start = Pos(i);
                i += 2;
                while (i + 1 < text.Length && !(text[i] == '*' && text[i + 1] == '/'))
                {
                    if (text[i] == '\n')
                    {
                        line++;
                        lineStart = i + 1;
                    }
                    i++;
                }
                if (i + 1 >= text.Length)
                {
                    throw new Asn1CompileException(start, "unterminated /* comment");
                }
                i += 2;
                continue;
            }
            var pos = Pos(i);
            if (char.IsLetter(c))
            {
                int s = i;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || (text[i] == '-' && i + 1 < text.Length && char.IsLetterOrDigit(text[i + 1]) && text[i - 1] != '-')))
                {
                    i++;
                }
                tokens.Add(new Token(TokenKind.Identifier, text.Substring(s, i - s), pos));
                continue;
            }
            if (char.IsDigit(c))
            {
                int s = i;
                while (i < text.Length && char.IsDigit(text[i]))
                {
                    i++;
                }
                tokens.Add(new Token(TokenKind.Number, text.Substring(s, i - s), pos));
                continue;
            }
            if (c == '"')
            {
                var sb = new StringBuilder();
                i++;
                while (true)
                {
                    if (i >= text.Length)
                    {
                        throw new Asn1CompileException(pos, "unterminated string");
                    }
                    if (text[i] == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"')
                        {
                            sb.Append('"');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    sb.Append(text[i]);
                    i++;
                }
                tokens.Add(new Token(TokenKind.CString, sb.ToString(), pos));
                continue;
            }
            if (c == '\'')
            {
                int end = text.IndexOf('\'', i + 1);
                if (end < 0 || end + 1 >= text.Length || (text[end + 1] != 'B' && text[end + 1] != 'H'))
                {
                    throw new Asn1CompileException(pos, "malformed bstring or hstring");
                }
                string body = text.Substring(i + 1, end - i - 1).Replace(" ", "").Replace("\n", "").Replace("\r", "").Replace("\t", "");
                tokens.Add(new Token(text[end + 1] == 'B' ? TokenKind.BString : TokenKind.HString, body, pos));
                i = end + 2;
                continue;
            }
            string[] multi = ["::=", "...", ".."];
            string? m = null;
            foreach (string candidate in multi)
            {
                if (string.CompareOrdinal(text, i, candidate, 0, candidate.Length) == 0)
                {
                    m = candidate;
                    break;
                }
            }
            if (m is not null)
            {
                tokens.Add(new Token(TokenKind.Symbol, m, pos));
                i += m.Length;
                continue;
            }
            if ("{}()[],;|@.&!^<>:-".IndexOf(c) >= 0)
            {
                tokens.Add(new Token(TokenKind.Symbol, c.ToString(), pos));
                i++;
                continue;
            }
            throw new Asn1CompileException(pos, $"unexpected character '{c}'");
        }
        tokens.Add(new Token(TokenKind.End, "", Pos(i)));
        return tokens;
    }
}
