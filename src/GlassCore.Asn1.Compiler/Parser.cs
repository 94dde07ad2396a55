// Recursive-descent parser for ASN.1 modules (X.680 §13 module definitions, X.681 classes, X.682 table constraints, X.683 parameters).
namespace GlassCore.Asn1.Compiler;

public sealed class Parser
{
    private readonly List<Token> _t;
    private int _i;
    private ModuleNode _module = null!;

    public Parser(List<Token> tokens)
    {
        _t = tokens;
        _i = 0;
    }

    public static List<ModuleNode> ParseFile(string file, string text)
    {
        var p = new Parser(Lexer.Tokenize(file, text));
        var modules = new List<ModuleNode>();
        while (p.Peek.Kind != TokenKind.End)
        {
            modules.Add(p.ParseModule());
        }
        return modules;
    }

    private Token Peek => _t[_i];

    private Token PeekAt(int k) => _t[Math.Min(_i + k, _t.Count - 1)];

    private Token Next() => _t[_i++ < _t.Count - 1 ? _i - 1 : _t.Count - 1];

    public bool AtEnd => Peek.Kind == TokenKind.End;

    private Asn1CompileException Error(Token at, string message) => new(at.Position, message);

    private Token Expect(string text)
    {
        var tok = Peek;
        if (!tok.Is(text))
        {
            throw Error(tok, $"expected '{text}' but found {tok}");
        }
        return Next();
    }

    private bool Accept(string text)
    {
        if (Peek.Is(text))
        {
            _i++;
            return true;
        }
        return false;
    }

    private Token ExpectIdentifier()
    {
        var tok = Peek;
        if (tok.Kind != TokenKind.Identifier)
        {
            throw Error(tok, $"expected an identifier but found {tok}");
        }
        return Next();
    }

    private static bool IsUpper(string s) => s.Length > 0 && char.IsUpper(s[0]);

    private ModuleNode ParseModule()
    {
        var name = ExpectIdentifier();
        var m = new ModuleNode { Name = name.Text, Position = name.Position };
        _module = m;
        while (!Peek.Is("DEFINITIONS"))
        {
            if (AtEnd)
            {
                throw Error(Peek, "expected DEFINITIONS");
            }
            Next();
        }
        Next();
        while (!Peek.Is("::="))
        {
            var tok = Next();
            if (!(tok.Is("AUTOMATIC") || tok.Is("TAGS") || tok.Is("IMPLICIT") || tok.Is("EXPLICIT") || tok.Is("EXTENSIBILITY") || tok.Is("IMPLIED")))
            {
                throw Error(tok, $"unsupported module header item {tok}");
            }
        }
        Expect("::=");
        Expect("BEGIN");
        if (Accept("EXPORTS"))
        {
            while (!Accept(";"))
            {
                if (AtEnd)
                {
                    throw Error(Peek, "unterminated EXPORTS");
                }
                Next();
            }
        }
        if (Accept("IMPORTS"))
        {
            var symbols = new List<string>();
            while (!Accept(";"))
            {
                var tok = Next();
                if (tok.Is("FROM"))
                {
                    var from = ExpectIdentifier();
                    if (Peek.Is("{"))
                    {
                        SkipBraces();
                    }
                    m.Imports.Add((from.Text, symbols));
                    symbols = [];
                }
                else if (tok.Kind == TokenKind.Identifier)
                {
                    symbols.Add(tok.Text);
                }
                else if (tok.Is("{") || tok.Is("}") || tok.Is(","))
                {
                    continue;
                }
                else
                {
                    throw Error(tok, $"unexpected {tok} in IMPORTS");
                }
            }
        }
        while (!Accept("END"))
        {
            if (AtEnd)
            {
                throw Error(Peek, "expected END");
            }
            var a = ParseAssignment();
            a.Module = m;
            m.Assignments.Add(a);
        }
        return m;
    }

    private void SkipBraces()
    {
        Expect("{");
        int depth = 1;
        while (depth > 0)
        {
            var tok = Next();
            if (tok.Kind == TokenKind.End)
            {
                throw Error(tok, "unbalanced braces");
            }
            if (tok.Is("{"))
            {
                depth++;
            }
            else if (tok.Is("}"))
            {
                depth--;
            }
        }
    }

    private List<Token> CollectBraces()
    {
        int start = _i;
        SkipBraces();
        var list = _t.GetRange(start, _i - start);
        list.Add(new Token(TokenKind.End, "", Peek.Position));
        return list;
    }

    private AssignmentNode ParseAssignment()
    {
        var name = ExpectIdentifier();
        var a = new AssignmentNode { Name = name.Text, Position = name.Position };
        if (Peek.Is("{") && IsUpper(name.Text))
        {
            // X.683 parameterized assignment: Name {Governor : Param, ...} ::= Type
            Next();
            a.Parameters = [];
            while (true)
            {
                var first = ExpectIdentifier();
                var param = new ParameterNode();
                if (Accept(":"))
                {
                    param.Governor = first.Text;
                    param.Name = ExpectIdentifier().Text;
                }
                else
                {
                    param.Name = first.Text;
                }
                a.Parameters.Add(param);
                if (Accept("}"))
                {
                    break;
                }
                Expect(",");
            }
            Expect("::=");
            a.Kind = AssignmentKind.Type;
            a.Type = ParseType();
            return a;
        }
        if (Accept("::="))
        {
            if (Accept("CLASS"))
            {
                a.Kind = AssignmentKind.Class;
                a.Class = ParseClassBody();
                return a;
            }
            a.Kind = AssignmentKind.Type;
            a.Type = ParseType();
            return a;
        }
        // name Governor ::= value | object, Name Governor ::= object set
        var governor = ParseType();
        Expect("::=");
        if (Peek.Is("{") && governor is TypeRefNode g)
        {
            a.Governor = g.Name;
            a.Kind = IsUpper(name.Text) ? AssignmentKind.ObjectSet : AssignmentKind.Object;
            a.Body = CollectBraces();
            a.Type = governor;
            return a;
        }
        if (IsUpper(name.Text))
        {
            throw Error(name, "value set assignments are not supported");
        }
        a.Kind = AssignmentKind.Value;
        a.Type = governor;
        a.Value = ParseValue();
        return a;
    }

    private ClassNode ParseClassBody()
    {
        var c = new ClassNode();
        Expect("{");
        while (true)
        {
            Expect("&");
            var f = new ClassFieldNode { Name = "&" + ExpectIdentifier().Text };
            if (!(Peek.Is(",") || Peek.Is("}") || Peek.Is("OPTIONAL") || Peek.Is("DEFAULT") || Peek.Is("UNIQUE")))
            {
                f.Type = ParseType();
            }
            while (true)
            {
                if (Accept("UNIQUE"))
                {
                    f.Unique = true;
                }
                else if (Accept("OPTIONAL"))
                {
                    f.Optional = true;
                }
                else if (Accept("DEFAULT"))
                {
                    f.Optional = true;
                    if (f.Type is null)
                    {
                        throw Error(Peek, "DEFAULT for a type field is not supported");
                    }
                    f.Default = ParseValue();
                }
                else
                {
                    break;
                }
            }
            c.Fields.Add(f);
            if (Accept("}"))
            {
                break;
            }
            Expect(",");
        }
        if (Accept("WITH"))
        {
            Expect("SYNTAX");
            var body = CollectBraces();
            c.Syntax = body.GetRange(1, body.Count - 3);
        }
        return c;
    }

    public TypeNode ParseType()
    {
        long? tag = null;
        Token? tagValue = null;
        if (Peek.Is("[") && !PeekAt(1).Is("["))
        {
            tag = ParseTag(out tagValue);
        }
        var t = ParseBaseType();
        if (tagValue is not null)
        {
            // The number is a value reference, perhaps defined later or imported: the model resolves it.
            _module.TagReferences.Add((t, tagValue, tag!.Value));
        }
        else
        {
            t.Tag ??= tag;
        }
        while (Peek.Is("("))
        {
            t.Constraints.Add(ParseConstraint());
        }
        return t;
    }

    /// <summary>X.680 §31.1 Tag [class number] with IMPLICIT/EXPLICIT: both encode the same in PER.</summary>
    /// <summary>
    /// X.680 §31.1 Tag. A number given as a defined value comes back in <paramref name="valueReference"/>, with the
    /// class alone in the result.
    /// </summary>
    private long ParseTag(out Token? valueReference)
    {
        valueReference = null;
        Expect("[");
        long cls = 2;
        if (Accept("UNIVERSAL"))
        {
            cls = 0;
        }
        else if (Accept("APPLICATION"))
        {
            cls = 1;
        }
        else if (Accept("PRIVATE"))
        {
            cls = 3;
        }
        var number = Next();
        long n = 0;
        if (number.Kind == TokenKind.Identifier && char.IsLower(number.Text[0]))
        {
            valueReference = number;
        }
        else if (number.Kind != TokenKind.Number || !long.TryParse(number.Text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out n) || n > uint.MaxValue)
        {
            throw Error(number, "a tag number must be a number or an INTEGER value reference");
        }
        Expect("]");
        if (!Accept("IMPLICIT"))
        {
            Accept("EXPLICIT");
        }
        return (cls << 32) | n;
    }

    private TypeNode ParseBaseType()
    {
        var tok = Peek;
        var pos = tok.Position;
        if (tok.Is("["))
        {
            throw Error(tok, "a type may carry one tag only");
        }
        if (tok.Kind != TokenKind.Identifier)
        {
            throw Error(tok, $"expected a type but found {tok}");
        }
        Next();
        switch (tok.Text)
        {
            case "BOOLEAN":
                return new BuiltinTypeNode { Kind = BuiltinKind.Boolean, Position = pos };
            case "NULL":
                return new BuiltinTypeNode { Kind = BuiltinKind.Null, Position = pos };
            case "INTEGER":
                if (Peek.Is("{"))
                {
                    SkipBraces();
                }
                return new BuiltinTypeNode { Kind = BuiltinKind.Integer, Position = pos };
            case "BIT":
                Expect("STRING");
                if (Peek.Is("{"))
                {
                    SkipBraces();
                }
                return new BuiltinTypeNode { Kind = BuiltinKind.BitString, Position = pos };
            case "OCTET":
                Expect("STRING");
                return new BuiltinTypeNode { Kind = BuiltinKind.OctetString, Position = pos };
            case "OBJECT":
                Expect("IDENTIFIER");
                return new BuiltinTypeNode { Kind = BuiltinKind.ObjectIdentifier, Position = pos };
            case "PrintableString":
                return new BuiltinTypeNode { Kind = BuiltinKind.PrintableString, Position = pos };
            case "VisibleString":
            case "ISO646String":
                return new BuiltinTypeNode { Kind = BuiltinKind.VisibleString, Position = pos };
            case "IA5String":
                return new BuiltinTypeNode { Kind = BuiltinKind.IA5String, Position = pos };
            case "NumericString":
                return new BuiltinTypeNode { Kind = BuiltinKind.NumericString, Position = pos };
            case "UTF8String":
                return new BuiltinTypeNode { Kind = BuiltinKind.UTF8String, Position = pos };
            case "ENUMERATED":
                return ParseEnumerated(pos);
            case "CHOICE":
                {
                    var choice = ParseComponents(pos, true);
                    _module.TagOrderChecks.Add((choice, tok));
                    return choice;
                }
            case "SEQUENCE":
                if (Peek.Is("{"))
                {
                    return ParseComponents(pos, false);
                }
                return ParseSequenceOf(pos);
            case "SET":
                // X.691 §21 SET OF encodes as SEQUENCE OF; §22 SET encodes as a SEQUENCE in canonical tag order, which
                // is textual order unless the tags say otherwise (checked in ParseComponents).
                if (Peek.Is("{"))
                {
                    var set = ParseComponents(pos, false);
                    set.IsSet = true;
                    _module.TagOrderChecks.Add((set, tok));
                    return set;
                }
                return ParseSequenceOf(pos);
            case "REAL":
            case "BMPString":
            case "UniversalString":
            case "TeletexString":
            case "GeneralString":
            case "GraphicString":
            case "VideotexString":
            case "T61String":
            case "GeneralizedTime":
            case "UTCTime":
            case "EXTERNAL":
            case "EMBEDDED":
            case "ANY":
            case "CHARACTER":
            case "RELATIVE-OID":
            case "TIME":
            case "DATE":
                throw Error(tok, $"{tok.Text} is not supported by this compiler");
            default:
                break;
        }
        if (Peek.Is("."))
        {
            Next();
            Expect("&");
            var field = ExpectIdentifier();
            return new ClassFieldTypeNode { ClassName = tok.Text, Field = "&" + field.Text, Position = pos };
        }
        var r = new TypeRefNode { Name = tok.Text, Position = pos };
        if (Peek.Is("{") && IsUpper(tok.Text))
        {
            r.Parameters = ParseActualParameters();
        }
        return r;
    }

    private List<ActualParameterNode> ParseActualParameters()
    {
        Expect("{");
        var list = new List<ActualParameterNode>();
        while (true)
        {
            var tok = Peek;
            var p = new ActualParameterNode { Position = tok.Position };
            if (tok.Is("{"))
            {
                Next();
                var setName = ExpectIdentifier();
                if (!Peek.Is("}"))
                {
                    throw Error(Peek, "only a defined object set {Name} is supported as an actual parameter");
                }
                Next();
                p.ObjectSet = setName.Text;
            }
            else if (tok.Kind == TokenKind.Number || tok.Is("-") || (tok.Kind == TokenKind.Identifier && !IsUpper(tok.Text)))
            {
                p.Value = ParseValue();
            }
            else
            {
                p.Type = ParseType();
            }
            list.Add(p);
            if (Accept("}"))
            {
                return list;
            }
            Expect(",");
        }
    }

    private EnumeratedTypeNode ParseEnumerated(SourcePosition pos)
    {
        var e = new EnumeratedTypeNode { Position = pos };
        Expect("{");
        bool additions = false;
        while (true)
        {
            if (Accept("..."))
            {
                if (additions)
                {
                    throw Error(Peek, "a second extension marker in ENUMERATED");
                }
                additions = true;
                e.Extensible = true;
                SkipExceptionSpec();
            }
            else
            {
                var item = ExpectIdentifier();
                if (Peek.Is("("))
                {
                    throw Error(Peek, "ENUMERATED items with explicit numbers are not supported");
                }
                (additions ? e.Additions : e.Root).Add(item.Text);
            }
            if (Accept("}"))
            {
                return e;
            }
            Expect(",");
        }
    }

    private SequenceTypeNode ParseComponents(SourcePosition pos, bool choice)
    {
        var s = new SequenceTypeNode { Position = pos, IsChoice = choice };
        Expect("{");
        if (Accept("}"))
        {
            return s;
        }
        int markers = 0;
        while (true)
        {
            if (Accept("..."))
            {
                markers++;
                s.Extensible = true;
                SkipExceptionSpec();
            }
            else if (Peek.Is("[") && PeekAt(1).Is("["))
            {
                if (markers != 1)
                {
                    throw Error(Peek, "an extension addition group [[ ]] belongs between the extension markers");
                }
                var open = Next();
                Next();
                if (Peek.Kind == TokenKind.Number && PeekAt(1).Is(":"))
                {
                    // X.680 §25.1 version number: documentation only, no effect on the encoding.
                    Next();
                    Next();
                }
                var members = new List<ComponentNode>();
                while (true)
                {
                    var name = ExpectIdentifier();
                    var c = new ComponentNode { Name = name.Text, Position = name.Position, Type = ParseType() };
                    if (Accept("OPTIONAL"))
                    {
                        c.Optional = true;
                    }
                    else if (Accept("DEFAULT"))
                    {
                        c.Optional = true;
                        c.Default = ParseValue();
                    }
                    if (choice && c.Optional)
                    {
                        throw Error(name, "OPTIONAL in a CHOICE");
                    }
                    members.Add(c);
                    if (Peek.Is("]") && PeekAt(1).Is("]"))
                    {
                        Next();
                        Next();
                        break;
                    }
                    Expect(",");
                }
                if (choice)
                {
                    // X.691 §23.6: the alternatives of a group in a CHOICE are encoded as if listed one by one.
                    s.Additions.AddRange(members);
                }
                else
                {
                    s.Additions.Add(new ComponentNode { Name = "", Position = open.Position, Group = members, Type = null! });
                }
            }
            else if (Peek.Is("COMPONENTS"))
            {
                // X.680 §25.5: COMPONENTS OF Type stands for the root components of that SEQUENCE (or SET), resolved
                // in the model once every module is read.
                var components = Next();
                if (markers == 1)
                {
                    throw Error(components, "COMPONENTS OF belongs in the extension root");
                }
                Expect("OF");
                s.Root.Add(new ComponentNode { Name = "", Position = components.Position, ComponentsOf = ParseType() });
            }
            else
            {
                var name = ExpectIdentifier();
                var c = new ComponentNode { Name = name.Text, Position = name.Position, Type = ParseType() };
                if (Accept("OPTIONAL"))
                {
                    c.Optional = true;
                }
                else if (Accept("DEFAULT"))
                {
                    c.Optional = true;
                    c.Default = ParseValue();
                }
                if (choice && c.Optional)
                {
                    throw Error(name, "OPTIONAL in a CHOICE");
                }
                (markers == 1 ? s.Additions : s.Root).Add(c);
            }
            if (Accept("}"))
            {
                return s;
            }
            Expect(",");
        }
    }

    /// <summary>
    /// X.691 §22.1, §23.1: CHOICE alternatives and SET components go in canonical tag order. With automatic tags that
    /// is textual order; explicit tags are accepted when they keep it, as reordering by tag is not implemented.
    /// </summary>
    internal static void CheckTagOrder(SequenceTypeNode s, Token keyword)
    {
        foreach (var list in new[] { s.Root, s.Additions })
        {
            long? previous = null;
            foreach (var c in list)
            {
                if (c.Type?.Tag is not long tag)
                {
                    if (list.Exists(x => x.Type?.Tag is not null))
                    {
                        throw new Asn1CompileException(c.Position, $"{keyword.Text} mixes tagged and untagged components (canonical order by universal tags is not supported)");
                    }
                    break;
                }
                if (previous is long p && tag <= p)
                {
                    throw new Asn1CompileException(c.Position, $"{keyword.Text} components whose tags are not in textual order are not supported (X.691 canonical order)");
                }
                previous = tag;
            }
        }
    }

    private SequenceOfTypeNode ParseSequenceOf(SourcePosition pos)
    {
        var s = new SequenceOfTypeNode { Position = pos };
        if (Peek.Is("("))
        {
            var c = ParseConstraint();
            s.Size = ExtractSize(c) ?? throw new Asn1CompileException(c.Position, "only SIZE constraints are supported on SEQUENCE OF");
        }
        else if (Peek.Is("SIZE"))
        {
            Next();
            s.Size = ParseConstraint();
        }
        Expect("OF");
        if (Peek.Kind == TokenKind.Identifier && !IsUpper(Peek.Text) && PeekAt(1).Kind == TokenKind.Identifier)
        {
            Next(); // X.680 §25.1 named element type: the name does not affect the encoding.
        }
        s.Element = ParseType();
        return s;
    }

    private static ConstraintNode? ExtractSize(ConstraintNode c)
    {
        if (c.Root is { Unions.Count: 1 } set && set.Unions[0].Count == 1 && set.Unions[0][0] is SizeElementNode size && !c.Extensible)
        {
            return size.Size;
        }
        return null;
    }

    public ConstraintNode ParseConstraint()
    {
        var open = Expect("(");
        var c = new ConstraintNode { Position = open.Position };
        if (Peek.Is("{"))
        {
            // X.682 §10 table constraint: ({ObjectSet}) or ({ObjectSet}{@component})
            Next();
            c.TableObjectSet = ExpectIdentifier().Text;
            Expect("}");
            if (Accept("{"))
            {
                Expect("@");
                if (Peek.Is("."))
                {
                    throw Error(Peek, "relative component references (@.) are not supported");
                }
                c.TableAtComponent = ExpectIdentifier().Text;
                if (Peek.Is("."))
                {
                    throw Error(Peek, "component references into nested types are not supported");
                }
                Expect("}");
            }
            Expect(")");
            return c;
        }
        if (Accept("CONTAINING"))
        {
            c.Containing = ParseType();
            if (Peek.Is("ENCODED"))
            {
                throw Error(Peek, "ENCODED BY is not supported");
            }
            Expect(")");
            return c;
        }
        c.Root = ParseElementSet();
        if (Accept(","))
        {
            Expect("...");
            c.Extensible = true;
            SkipExceptionSpec();
            if (Accept(","))
            {
                c.Additions = ParseElementSet();
            }
        }
        SkipExceptionSpec();
        Expect(")");
        return c;
    }

    /// <summary>
    /// X.680 §53.4 ExceptionSpec ("!" then a number, a defined value, or Type ":" Value): it tells the application how
    /// to handle values outside the constraint and is not part of any encoding, so it is read and dropped.
    /// </summary>
    private void SkipExceptionSpec()
    {
        if (!Accept("!"))
        {
            return;
        }
        var tok = Peek;
        if (tok.Is("-") && PeekAt(1).Kind == TokenKind.Number)
        {
            Next();
            Next();
            return;
        }
        if (tok.Kind == TokenKind.Number)
        {
            Next();
            return;
        }
        if (tok.Kind == TokenKind.Identifier && char.IsLower(tok.Text[0]))
        {
            Next();
            if (Peek.Is(".") && PeekAt(1).Kind == TokenKind.Identifier)
            {
                Next();
                Next();
            }
            return;
        }
        if (tok.Kind is TokenKind.Identifier)
        {
            ParseType();
            Expect(":");
            ParseValue();
            return;
        }
        throw Error(tok, $"expected an exception identification after '!' but found {tok}");
    }

    private ElementSetNode ParseElementSet()
    {
        var set = new ElementSetNode();
        var current = new List<ElementNode> { ParseElement() };
        while (true)
        {
            if (Accept("|") || Accept("UNION"))
            {
                set.Unions.Add(current);
                current = [ParseElement()];
            }
            else if (Accept("^") || Accept("INTERSECTION"))
            {
                current.Add(ParseElement());
            }
            else if (Peek.Is("EXCEPT") || Peek.Is("ALL"))
            {
                throw Error(Peek, "EXCEPT / ALL EXCEPT constraints are not supported");
            }
            else
            {
                set.Unions.Add(current);
                return set;
            }
        }
    }

    private ElementNode ParseElement()
    {
        var tok = Peek;
        if (tok.Is("SIZE"))
        {
            Next();
            return new SizeElementNode { Position = tok.Position, Size = ParseConstraint() };
        }
        if (tok.Is("FROM"))
        {
            Next();
            return new FromElementNode { Position = tok.Position, Alphabet = ParseConstraint() };
        }
        if (tok.Is("("))
        {
            return new NestedElementNode { Position = tok.Position, Inner = ParseConstraint() };
        }
        if (tok.Is("WITH") || tok.Is("PATTERN") || tok.Is("CONSTRAINED") || tok.Is("SETTINGS") || tok.Is("INCLUDES"))
        {
            throw Error(tok, $"{tok.Text} constraints are not supported");
        }
        var low = ParseValue();
        if (Peek.Is("<"))
        {
            throw Error(Peek, "exclusive range bounds (<) are not supported");
        }
        if (Accept(".."))
        {
            if (Peek.Is("<"))
            {
                throw Error(Peek, "exclusive range bounds (<) are not supported");
            }
            return new RangeElementNode { Position = tok.Position, Low = low, High = ParseValue() };
        }
        return new ValueElementNode { Position = tok.Position, Value = low };
    }

    public ValueNode ParseValue()
    {
        var tok = Peek;
        var pos = tok.Position;
        switch (tok.Kind)
        {
            case TokenKind.Number:
                Next();
                if (!long.TryParse(tok.Text, out long v))
                {
                    if (ulong.TryParse(tok.Text, out ulong big))
                    {
                        return new IntegerValueNode { Value = long.MaxValue, Big = big, Position = pos };
                    }
                    throw Error(tok, $"integer {tok.Text} does not fit in 64 bits");
                }
                return new IntegerValueNode { Value = v, Position = pos };
            case TokenKind.CString:
            case TokenKind.BString:
            case TokenKind.HString:
                Next();
                return new StringValueNode { Kind = tok.Kind, Text = tok.Text, Position = pos };
            case TokenKind.Symbol when tok.Is("-"):
                Next();
                var num = Peek;
                if (num.Kind != TokenKind.Number || !long.TryParse("-" + num.Text, out long neg))
                {
                    throw Error(num, "expected a number after '-'");
                }
                Next();
                return new IntegerValueNode { Value = neg, Position = pos };
            case TokenKind.Symbol when tok.Is("{"):
                var body = CollectBraces();
                return new BracedValueNode { Tokens = body, Position = pos };
            case TokenKind.Identifier:
                Next();
                return tok.Text switch
                {
                    "TRUE" => new BooleanValueNode { Value = true, Position = pos },
                    "FALSE" => new BooleanValueNode { Value = false, Position = pos },
                    "MIN" => new MinMaxValueNode { IsMax = false, Position = pos },
                    "MAX" => new MinMaxValueNode { IsMax = true, Position = pos },
                    _ => new RefValueNode { Name = tok.Text, Position = pos },
                };
            default:
                throw Error(tok, $"expected a value but found {tok}");
        }
    }

    /// <summary>X.681 §11 object definition in the class's defined syntax (or the default {&amp;field value, ...} syntax).</summary>
    public Dictionary<string, object> ParseObject(ClassNode cls)
    {
        var fields = new Dictionary<string, object>();
        Expect("{");
        if (cls.Syntax.Count == 0)
        {
            throw Error(Peek, "objects of classes without WITH SYNTAX are not supported");
        }
        int pos = 0;
        MatchSyntax(cls, cls.Syntax, ref pos, cls.Syntax.Count, fields);
        Expect("}");
        return fields;
    }

    private void MatchSyntax(ClassNode cls, List<Token> syntax, ref int pos, int end, Dictionary<string, object> fields)
    {
        while (pos < end)
        {
            var s = syntax[pos];
            if (s.Is("["))
            {
                int close = FindClose(syntax, pos);
                var first = syntax[pos + 1];
                bool present = first.Is("&") ? !Peek.Is("}") : Peek.Is(first.Text);
                if (present)
                {
                    int inner = pos + 1;
                    MatchSyntax(cls, syntax, ref inner, close, fields);
                }
                pos = close + 1;
                continue;
            }
            if (s.Is("&"))
            {
                string name = "&" + syntax[pos + 1].Text;
                var field = cls.Fields.Find(f => f.Name == name) ?? throw new Asn1CompileException(s.Position, $"class has no field {name}");
                fields[name] = field.IsTypeField ? ParseType() : ParseValue();
                pos += 2;
                continue;
            }
            if (!Peek.Is(s.Text))
            {
                throw Error(Peek, $"expected '{s.Text}' (class syntax) but found {Peek}");
            }
            Next();
            pos++;
        }
    }

    private static int FindClose(List<Token> syntax, int open)
    {
        int depth = 0;
        for (int k = open; k < syntax.Count; k++)
        {
            if (syntax[k].Is("["))
            {
                depth++;
            }
            else if (syntax[k].Is("]") && --depth == 0)
            {
                return k;
            }
        }
        throw new Asn1CompileException(syntax[open].Position, "unbalanced [ in WITH SYNTAX");
    }

    /// <summary>X.681 §12 object set: { element | element , ... }; elements are inline objects or references.</summary>
    public (List<object> Elements, bool Extensible) ParseObjectSet(ClassNode cls)
    {
        var elements = new List<object>();
        bool ext = false;
        Expect("{");
        if (Accept("}"))
        {
            return (elements, ext);
        }
        while (true)
        {
            if (Accept("..."))
            {
                ext = true;
            }
            else if (Peek.Is("{"))
            {
                elements.Add(ParseObject(cls));
            }
            else
            {
                elements.Add(ExpectIdentifier());
            }
            if (Accept("}"))
            {
                return (elements, ext);
            }
            if (!Accept("|") && !Accept(","))
            {
                throw Error(Peek, $"expected '|', ',' or '}}' in object set but found {Peek}");
            }
        }
    }
}
