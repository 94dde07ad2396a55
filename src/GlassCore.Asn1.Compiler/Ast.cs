// Syntax tree of X.680/X.681/X.682/X.683 constructs as they appear in 3GPP modules.
namespace GlassCore.Asn1.Compiler;

public sealed class ModuleNode
{
    public string Name = "";
    public SourcePosition Position;
    public List<(string Module, List<string> Symbols)> Imports = [];
    public List<AssignmentNode> Assignments = [];

    /// <summary>Tags whose number is a value reference (X.680 §31.1 DefinedValue): the type, the reference, the class bits.</summary>
    public List<(TypeNode Type, Token Number, long Class)> TagReferences = [];

    /// <summary>CHOICE and SET types whose tags must keep textual order, checked once tag references are resolved.</summary>
    public List<(SequenceTypeNode Node, Token Keyword)> TagOrderChecks = [];
}

public enum AssignmentKind
{
    Type,
    Value,
    Class,
    Object,
    ObjectSet,
}

public sealed class ParameterNode
{
    public string? Governor;
    public string Name = "";
}

public sealed class AssignmentNode
{
    public AssignmentKind Kind;
    public string Name = "";
    public SourcePosition Position;
    public ModuleNode Module = null!;
    public List<ParameterNode>? Parameters;
    public TypeNode? Type;          // Type assignments; the governor of values
    public ValueNode? Value;
    public ClassNode? Class;
    public string? Governor;        // class name for objects and object sets
    public List<Token>? Body;       // object / object set definition, parsed once the class is known
}

public abstract class TypeNode
{
    public SourcePosition Position;
    public List<ConstraintNode> Constraints = [];

    /// <summary>
    /// A tag written on the type (X.680 §31), as class * 2^32 + number (UNIVERSAL 0, APPLICATION 1, context 2,
    /// PRIVATE 3), or null. PER does not encode tags; they only order CHOICE alternatives and SET components.
    /// </summary>
    public long? Tag;
}

public enum BuiltinKind
{
    Boolean,
    Null,
    Integer,
    BitString,
    OctetString,
    ObjectIdentifier,
    PrintableString,
    VisibleString,
    IA5String,
    NumericString,
    UTF8String,
}

public sealed class BuiltinTypeNode : TypeNode
{
    public BuiltinKind Kind;
}

public sealed class EnumeratedTypeNode : TypeNode
{
    public List<string> Root = [];
    public List<string> Additions = [];
    public bool Extensible;
}

public sealed class ComponentNode
{
    public string Name = "";
    public TypeNode Type = null!;
    public bool Optional;
    public ValueNode? Default;
    public SourcePosition Position;

    /// <summary>An extension addition group <c>[[ ... ]]</c> of a SEQUENCE (X.680 §25.8): its components; Name is empty.</summary>
    public List<ComponentNode>? Group;

    /// <summary>COMPONENTS OF this type (X.680 §25.5): replaced by its root components; Name is empty.</summary>
    public TypeNode? ComponentsOf;
}

public sealed class SequenceTypeNode : TypeNode
{
    public bool IsChoice;
    public bool IsSet;
    public List<ComponentNode> Root = [];
    public List<ComponentNode> Additions = [];
    public bool Extensible;
}

public sealed class SequenceOfTypeNode : TypeNode
{
    public TypeNode Element = null!;
    public ConstraintNode? Size;
}

public sealed class TypeRefNode : TypeNode
{
    public string Name = "";
    public List<ActualParameterNode>? Parameters;
}

/// <summary>CLASS.&amp;field, optionally with a table constraint in <see cref="TypeNode.Constraints"/>.</summary>
public sealed class ClassFieldTypeNode : TypeNode
{
    public string ClassName = "";
    public string Field = "";
}

public sealed class ActualParameterNode
{
    public TypeNode? Type;
    public ValueNode? Value;
    public string? ObjectSet;       // {Name}
    public SourcePosition Position;
}

public sealed class ClassFieldNode
{
    public string Name = "";        // with the leading &
    public TypeNode? Type;          // value fields
    public bool Optional;
    public bool Unique;
    public ValueNode? Default;
    public bool IsTypeField => Type is null;
}

public sealed class ClassNode
{
    public List<ClassFieldNode> Fields = [];
    public List<Token> Syntax = [];
}

public abstract class ValueNode
{
    public SourcePosition Position;
}

public sealed class IntegerValueNode : ValueNode
{
    public long Value;

    /// <summary>Set for positive values above long.MaxValue (e.g. 18446744073709551615).</summary>
    public ulong? Big;
}

public sealed class RefValueNode : ValueNode
{
    public string Name = "";
}

public sealed class BooleanValueNode : ValueNode
{
    public bool Value;
}

public sealed class StringValueNode : ValueNode
{
    public TokenKind Kind;
    public string Text = "";
}

public sealed class BracedValueNode : ValueNode
{
    public List<Token> Tokens = [];
}

public sealed class MinMaxValueNode : ValueNode
{
    public bool IsMax;
}

/// <summary>( root [, ... [, additions]] ) or a table constraint.</summary>
public sealed class ConstraintNode
{
    public SourcePosition Position;
    public ElementSetNode? Root;
    public bool Extensible;
    public ElementSetNode? Additions;
    public string? TableObjectSet;
    public string? TableAtComponent;
    public TypeNode? Containing;
}

/// <summary>Union of intersections of elements.</summary>
public sealed class ElementSetNode
{
    public List<List<ElementNode>> Unions = [];
}

public abstract class ElementNode
{
    public SourcePosition Position;
}

public sealed class ValueElementNode : ElementNode
{
    public ValueNode Value = null!;
}

public sealed class RangeElementNode : ElementNode
{
    public ValueNode Low = null!;
    public ValueNode High = null!;
}

public sealed class SizeElementNode : ElementNode
{
    public ConstraintNode Size = null!;
}

public sealed class FromElementNode : ElementNode
{
    public ConstraintNode Alphabet = null!;
}

public sealed class NestedElementNode : ElementNode
{
    public ConstraintNode Inner = null!;
}
