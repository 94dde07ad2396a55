// Semantic model: references resolved across modules, parameterized types instantiated (X.683), object sets
// expanded (X.681) and PER-visible constraints computed (X.691 §10.3 to §10.9) for the emitter.
namespace GlassCore.Asn1.Compiler;

public abstract class RType
{
}

public sealed class RInt : RType
{
    public long? Lb;
    public long? Ub;
    public bool Ext;

    /// <summary>An upper bound above long.MaxValue: the value is a ulong (lb must be &gt;= 0).</summary>
    public ulong? BigUb;
}

public sealed class RBool : RType
{
}

public sealed class RNull : RType
{
}

public sealed class ROid : RType
{
}

public sealed class RBits : RType
{
    public long Lb;
    public long Ub = -1;
    public bool Ext;
}

public sealed class ROctets : RType
{
    public long Lb;
    public long Ub = -1;
    public bool Ext;
    public RType? Containing;
}

public sealed class RChars : RType
{
    public BuiltinKind Kind;
    public long Lb;
    public long Ub = -1;
    public bool Ext;
}

public sealed class RList : RType
{
    public RType Element = null!;
    public long Lb;
    public long Ub = -1;
    public bool Ext;
}

public sealed class RNamed : RType
{
    public NamedDef Def = null!;
}

public sealed class ROpen : RType
{
    public OpenUnion Union = null!;
    public string KeyComponent = "";
}

public enum NamedKind
{
    Sequence,
    Choice,
    Enumerated,
}

public sealed class RComp
{
    public string AsnName = "";
    public string CsName = "";
    public RType Type = null!;
    public bool Optional;

    /// <summary>An extension addition group of a SEQUENCE: one addition slot holding these components (X.691 §19.9).</summary>
    public List<RComp>? Group;
}

public sealed class NamedDef
{
    public NamedKind Kind;
    public string AsnName = "";
    public string CsName = "";
    public SourcePosition Position;
    public List<RComp> Root = [];
    public List<RComp> Additions = [];
    public bool Ext;
    public List<string> Items = [];
    public int RootItems;
    public bool Complete;
}

public sealed class OpenAlt
{
    public string CsName = "";
    public long Key;
    public RType Type = null!;
    public string? Criticality;
    public string? Presence;
}

public sealed class OpenUnion
{
    public string CsName = "";
    public string KeyTypeCs = "long";
    public List<OpenAlt> Alts = [];
    public NamedDef? CriticalityEnum;
}

internal sealed class Binding
{
    public long? Value;
    public string? ObjectSet;
    public TypeNode? Type;
    public Dictionary<string, Binding>? TypeEnv;
    public ModuleNode? TypeModule;
}

internal sealed class RObject
{
    public string? Name;
    public Dictionary<string, object> Fields = [];
    public ModuleNode Module = null!;
}

public sealed class Model
{
    private readonly List<ModuleNode> _modules;
    private readonly Dictionary<string, List<AssignmentNode>> _byName = [];
    private readonly Dictionary<AssignmentNode, RType> _resolved = [];
    private readonly HashSet<AssignmentNode> _resolving = [];
    private readonly Dictionary<string, NamedDef> _instances = [];
    private readonly Dictionary<string, OpenUnion> _unions = [];
    private readonly HashSet<string> _csNames = [];
    private readonly Dictionary<string, List<RObject>> _objectSets = [];
    private readonly Dictionary<AssignmentNode, RObject> _objects = [];

    public List<NamedDef> Types { get; } = [];

    public List<OpenUnion> Unions { get; } = [];

    public List<(string Module, string CsName, long Value)> Constants { get; } = [];

    public Model(List<ModuleNode> modules)
    {
        _modules = modules;
        foreach (var m in modules)
        {
            foreach (var a in m.Assignments)
            {
                if (!_byName.TryGetValue(a.Name, out var list))
                {
                    _byName[a.Name] = list = [];
                }
                list.Add(a);
            }
        }
    }

    public static Model Build(List<ModuleNode> modules)
    {
        var model = new Model(modules);
        model.ResolveTagReferences();
        model.ResolveAll();
        return model;
    }

    private void ResolveTagReferences()
    {
        foreach (var m in _modules)
        {
            foreach (var (type, number, cls) in m.TagReferences)
            {
                var a = Lookup(number.Text, m);
                if (a is not { Kind: AssignmentKind.Value } || !TryEvalInteger(a.Value!, a.Module, null, out long n) || n < 0 || n > uint.MaxValue)
                {
                    throw new Asn1CompileException(number.Position, $"tag number {number.Text} is not a defined non-negative INTEGER value");
                }
                type.Tag = cls | n;
            }
            foreach (var (node, keyword) in m.TagOrderChecks)
            {
                Parser.CheckTagOrder(node, keyword);
            }
        }
    }

    private void ResolveAll()
    {
        foreach (var m in _modules)
        {
            foreach (var a in m.Assignments)
            {
                switch (a.Kind)
                {
                    case AssignmentKind.Type when a.Parameters is null:
                        ResolveAssignment(a);
                        break;
                    case AssignmentKind.Value:
                        if (TryEvalInteger(a.Value!, m, null, out long v))
                        {
                            Constants.Add((m.Name, Names.Pascal(a.Name), v));
                        }
                        break;
                    case AssignmentKind.ObjectSet:
                        ObjectSet(a.Name, m, a.Position);
                        break;
                    default:
                        break;
                }
            }
        }
    }

    private AssignmentNode? Lookup(string name, ModuleNode from)
    {
        if (!_byName.TryGetValue(name, out var list))
        {
            return null;
        }
        if (list.Count == 1)
        {
            return list[0];
        }
        var local = list.Find(a => a.Module == from);
        if (local is not null)
        {
            return local;
        }
        foreach (var (module, symbols) in from.Imports)
        {
            if (symbols.Contains(name))
            {
                var imported = list.Find(a => a.Module.Name == module);
                if (imported is not null)
                {
                    return imported;
                }
            }
        }
        return list[0];
    }

    private string UniqueCsName(string wanted)
    {
        string name = wanted;
        int n = 2;
        while (!_csNames.Add(name))
        {
            name = wanted + n++;
        }
        return name;
    }

    private RType ResolveAssignment(AssignmentNode a)
    {
        if (_resolved.TryGetValue(a, out var done))
        {
            return done;
        }
        var body = a.Type!;
        if (body is SequenceTypeNode or EnumeratedTypeNode)
        {
            var def = new NamedDef { AsnName = a.Name, CsName = UniqueCsName(Names.Pascal(a.Name)), Position = a.Position };
            var named = new RNamed { Def = def };
            _resolved[a] = named;
            Types.Add(def);
            FillNamed(def, body, a.Module, null);
            return named;
        }
        if (!_resolving.Add(a))
        {
            throw new Asn1CompileException(a.Position, $"recursive definition of {a.Name} through a non-constructed type");
        }
        var t = Resolve(body, a.Module, null, Names.Pascal(a.Name));
        _resolving.Remove(a);
        _resolved[a] = t;
        return t;
    }

    private void FillNamed(NamedDef def, TypeNode body, ModuleNode m, Dictionary<string, Binding>? env)
    {
        if (body.Constraints.Count > 0 && body is not EnumeratedTypeNode)
        {
            throw new Asn1CompileException(body.Constraints[0].Position, "constraints on SEQUENCE or CHOICE are not supported");
        }
        if (body is EnumeratedTypeNode e)
        {
            def.Kind = NamedKind.Enumerated;
            def.Items.AddRange(e.Root);
            def.RootItems = e.Root.Count;
            def.Items.AddRange(e.Additions);
            def.Ext = e.Extensible;
            def.Complete = true;
            return;
        }
        var s = (SequenceTypeNode)body;
        def.Kind = s.IsChoice ? NamedKind.Choice : NamedKind.Sequence;
        def.Ext = s.Extensible;
        var used = new HashSet<string> { def.CsName, "Unknown", "UnknownExtensions", "Index" };
        var byName = new Dictionary<string, RComp>();
        foreach (var (list, target) in new[] { (s.Root, def.Root), (s.Additions, def.Additions) })
        {
            foreach (var c in list)
            {
                if (c.Group is { } members)
                {
                    var group = new RComp { AsnName = "", CsName = "", Group = [], Type = new RNull() };
                    foreach (var member in members)
                    {
                        group.Group.Add(Component(member));
                    }
                    target.Add(group);
                    continue;
                }
                if (c.ComponentsOf is { } included)
                {
                    target.AddRange(IncludedComponents(c, included));
                    continue;
                }
                target.Add(Component(c));
            }
        }
        def.Complete = true;

        // X.680 §25.5: the root components of the named SEQUENCE (both root parts), not its extension additions.
        IEnumerable<RComp> IncludedComponents(ComponentNode c, TypeNode included)
        {
            var t = Resolve(included, m, env, def.CsName + "Components");
            if (t is not RNamed { Def: { Kind: NamedKind.Sequence } source })
            {
                throw new Asn1CompileException(c.Position, "COMPONENTS OF needs a SEQUENCE or SET type");
            }
            if (!source.Complete || source == def)
            {
                throw new Asn1CompileException(c.Position, $"COMPONENTS OF {source.AsnName} includes the type being defined");
            }
            var copies = new List<RComp>();
            foreach (var rc in source.Root)
            {
                if (rc.Type is ROpen)
                {
                    throw new Asn1CompileException(c.Position, $"COMPONENTS OF {source.AsnName}: open-type components are not supported here");
                }
                string cs = rc.CsName;
                while (!used.Add(cs))
                {
                    cs += "Value";
                }
                var copy = new RComp { AsnName = rc.AsnName, CsName = cs, Optional = rc.Optional, Type = rc.Type };
                if (_keyFields.TryGetValue(rc, out string? field))
                {
                    _keyFields[copy] = field;
                }
                byName[rc.AsnName] = copy;
                copies.Add(copy);
            }
            return copies;
        }

        RComp Component(ComponentNode c)
        {
            {
                string cs = Names.Pascal(c.Name);
                if (cs == "Value" && s.IsChoice)
                {
                    cs = "ValueAlt";
                }
                while (!used.Add(cs))
                {
                    cs += "Value";
                }
                var comp = new RComp { AsnName = c.Name, CsName = cs, Optional = c.Optional };
                if (c.Type is ClassFieldTypeNode keyType && keyType.Constraints.Exists(k => k.TableObjectSet is not null && k.TableAtComponent is null))
                {
                    _keyFields[comp] = keyType.Field;
                }
                comp.Type = ResolveComponentType(c, m, env, def, byName);
                byName[c.Name] = comp;
                return comp;
            }
        }
    }

    private RType ResolveComponentType(ComponentNode c, ModuleNode m, Dictionary<string, Binding>? env, NamedDef owner, Dictionary<string, RComp> earlier)
    {
        if (c.Type is ClassFieldTypeNode cf)
        {
            return ResolveClassField(cf, m, env, owner, c, earlier);
        }
        return Resolve(c.Type, m, env, owner.CsName + Names.Pascal(c.Name));
    }

    private RType ResolveClassField(ClassFieldTypeNode cf, ModuleNode m, Dictionary<string, Binding>? env, NamedDef owner, ComponentNode comp, Dictionary<string, RComp> earlier)
    {
        var cls = ClassOf(cf.ClassName, m, cf.Position);
        var field = cls.Class!.Fields.Find(f => f.Name == cf.Field) ?? throw new Asn1CompileException(cf.Position, $"{cf.ClassName} has no field {cf.Field}");
        if (!field.IsTypeField)
        {
            return Resolve(field.Type!, cls.Module, null, owner.CsName + Names.Pascal(comp.Name));
        }
        var table = cf.Constraints.Find(k => k.TableObjectSet is not null)
            ?? throw new Asn1CompileException(cf.Position, $"open type {cf.ClassName}.{cf.Field} without a table constraint is not supported");
        if (table.TableAtComponent is null || !earlier.TryGetValue(table.TableAtComponent, out var keyComp))
        {
            throw new Asn1CompileException(table.Position, "an open type needs a component relation constraint {@component} naming an earlier component");
        }
        bool intKey = keyComp.Type is RInt;
        string setName = table.TableObjectSet!;
        ModuleNode setModule = m;
        if (env is not null && env.TryGetValue(setName, out var b))
        {
            setName = b.ObjectSet ?? throw new Asn1CompileException(table.Position, $"{setName} is not an object set parameter");
        }
        string key = setName + "." + cf.Field;
        if (_unions.TryGetValue(key, out var existing))
        {
            return new ROpen { Union = existing, KeyComponent = intKey ? keyComp.CsName : "" };
        }
        var union = new OpenUnion { CsName = UniqueCsName(owner.CsName + Names.Pascal(comp.Name)) };
        _unions[key] = union;
        Unions.Add(union);
        var objects = ObjectSet(setName, setModule, table.Position);
        // The field the key component holds: the table constraint on the key component names it.
        string keyField = KeyFieldOf(owner, keyComp);
        string critName = cf.Field switch
        {
            "&FirstValue" => "&firstCriticality",
            "&SecondValue" => "&secondCriticality",
            _ => "&criticality",
        };
        var critField = cls.Class.Fields.Find(f => f.Name == critName);
        if (critField?.Type is not null && Resolve(critField.Type, cls.Module, null, "Criticality") is RNamed { Def.Kind: NamedKind.Enumerated } ce)
        {
            union.CriticalityEnum = ce.Def;
        }
        var altNames = new HashSet<string> { union.CsName, "Unknown" };
        foreach (var o in objects)
        {
            if (!o.Fields.TryGetValue(cf.Field, out var typeObj))
            {
                continue;
            }
            if (!intKey)
            {
                throw new Asn1CompileException(table.Position, "objects selected by a non-INTEGER key are not supported (only empty object sets)");
            }
            if (!o.Fields.TryGetValue(keyField, out var keyObj) || keyObj is not ValueNode keyValue || !TryEvalInteger(keyValue, o.Module, null, out long keyNum))
            {
                throw new Asn1CompileException(table.Position, $"object in {setName} lacks an integer {keyField}");
            }
            string altName = o.Name is not null ? Names.Pascal(o.Name)
                : keyValue is RefValueNode rv ? Names.Pascal(rv.Name.StartsWith("id-", StringComparison.Ordinal) ? rv.Name.Substring(3) : rv.Name)
                : "Id" + keyNum;
            if (altName == "Value")
            {
                altName = "ValueAlt";
            }
            while (!altNames.Add(altName))
            {
                altName += "Alt";
            }
            var alt = new OpenAlt
            {
                CsName = altName,
                Key = keyNum,
                Type = Resolve((TypeNode)typeObj, o.Module, null, union.CsName + altName),
            };
            if (o.Fields.TryGetValue(critName, out var crit) && crit is RefValueNode cv)
            {
                alt.Criticality = cv.Name;
            }
            if (o.Fields.TryGetValue("&presence", out var pres) && pres is RefValueNode pv)
            {
                alt.Presence = pv.Name;
            }
            union.Alts.Add(alt);
        }
        return new ROpen { Union = union, KeyComponent = intKey ? keyComp.CsName : "" };
    }

    private readonly Dictionary<RComp, string> _keyFields = [];

    private string KeyFieldOf(NamedDef owner, RComp keyComp) =>
        _keyFields.TryGetValue(keyComp, out var f) ? f : throw new Asn1CompileException(owner.Position, $"{keyComp.AsnName} is not a class field component");

    private AssignmentNode ClassOf(string name, ModuleNode m, SourcePosition pos)
    {
        var a = Lookup(name, m);
        if (a is null || a.Kind != AssignmentKind.Class)
        {
            throw new Asn1CompileException(pos, $"{name} is not a defined CLASS");
        }
        return a;
    }

    private List<RObject> ObjectSet(string name, ModuleNode m, SourcePosition pos)
    {
        if (_objectSets.TryGetValue(name, out var cached))
        {
            return cached;
        }
        var a = Lookup(name, m);
        if (a is null || a.Kind != AssignmentKind.ObjectSet)
        {
            throw new Asn1CompileException(pos, $"{name} is not a defined object set");
        }
        var cls = ClassOf(a.Governor!, a.Module, a.Position);
        var result = new List<RObject>();
        _objectSets[name] = result;
        var parser = new Parser(a.Body!);
        var (elements, _) = parser.ParseObjectSet(cls.Class!);
        foreach (var e in elements)
        {
            if (e is Dictionary<string, object> fields)
            {
                result.Add(new RObject { Fields = fields, Module = a.Module });
            }
            else
            {
                var tok = (Token)e;
                var r = Lookup(tok.Text, a.Module) ?? throw new Asn1CompileException(tok.Position, $"{tok.Text} is not defined");
                if (r.Kind == AssignmentKind.ObjectSet)
                {
                    result.AddRange(ObjectSet(r.Name, r.Module, tok.Position));
                }
                else if (r.Kind == AssignmentKind.Object)
                {
                    result.Add(Object(r));
                }
                else
                {
                    throw new Asn1CompileException(tok.Position, $"{tok.Text} is neither an object nor an object set");
                }
            }
        }
        return result;
    }

    private RObject Object(AssignmentNode a)
    {
        if (_objects.TryGetValue(a, out var o))
        {
            return o;
        }
        var cls = ClassOf(a.Governor!, a.Module, a.Position);
        var fields = new Parser(a.Body!).ParseObject(cls.Class!);
        o = new RObject { Name = a.Name, Fields = fields, Module = a.Module };
        _objects[a] = o;
        return o;
    }

    private RType Resolve(TypeNode t, ModuleNode m, Dictionary<string, Binding>? env, string nameHint)
    {
        RType r;
        switch (t)
        {
            case BuiltinTypeNode b:
                r = b.Kind switch
                {
                    BuiltinKind.Boolean => new RBool(),
                    BuiltinKind.Null => new RNull(),
                    BuiltinKind.Integer => new RInt(),
                    BuiltinKind.BitString => new RBits(),
                    BuiltinKind.OctetString => new ROctets(),
                    BuiltinKind.ObjectIdentifier => new ROid(),
                    _ => new RChars { Kind = b.Kind },
                };
                break;
            case EnumeratedTypeNode or SequenceTypeNode:
                {
                    var def = new NamedDef { AsnName = nameHint, CsName = UniqueCsName(nameHint), Position = t.Position };
                    Types.Add(def);
                    FillNamed(def, t, m, env);
                    return new RNamed { Def = def };
                }
            case SequenceOfTypeNode so:
                {
                    var list = new RList { Element = Resolve(so.Element, m, env, nameHint + "Item") };
                    if (so.Size is not null)
                    {
                        var (lb, ub, ext) = Bounds(so.Size, m, env);
                        list.Lb = lb ?? 0;
                        list.Ub = ub ?? -1;
                        list.Ext = ext;
                    }
                    r = list;
                    break;
                }
            case TypeRefNode tr:
                r = ResolveRef(tr, m, env, nameHint);
                break;
            case ClassFieldTypeNode cf:
                {
                    var cls = ClassOf(cf.ClassName, m, cf.Position);
                    var field = cls.Class!.Fields.Find(f => f.Name == cf.Field);
                    if (field?.Type is null)
                    {
                        throw new Asn1CompileException(cf.Position, $"{cf.ClassName}.{cf.Field} outside a SEQUENCE with a component relation is not supported");
                    }
                    r = Resolve(field.Type, cls.Module, null, nameHint);
                    break;
                }
            default:
                throw new Asn1CompileException(t.Position, "unsupported type");
        }
        foreach (var c in t.Constraints)
        {
            r = Apply(r, c, m, env, nameHint);
        }
        return r;
    }

    private RType ResolveRef(TypeRefNode tr, ModuleNode m, Dictionary<string, Binding>? env, string nameHint)
    {
        if (env is not null && env.TryGetValue(tr.Name, out var bound))
        {
            if (bound.Type is null)
            {
                throw new Asn1CompileException(tr.Position, $"parameter {tr.Name} is not a type");
            }
            return Resolve(bound.Type, bound.TypeModule!, bound.TypeEnv, nameHint);
        }
        var a = Lookup(tr.Name, m) ?? throw new Asn1CompileException(tr.Position, $"type {tr.Name} is not defined");
        if (a.Kind != AssignmentKind.Type)
        {
            throw new Asn1CompileException(tr.Position, $"{tr.Name} is not a type");
        }
        if (a.Parameters is null)
        {
            if (tr.Parameters is not null)
            {
                throw new Asn1CompileException(tr.Position, $"{tr.Name} takes no parameters");
            }
            return ResolveAssignment(a);
        }
        if (tr.Parameters is null || tr.Parameters.Count != a.Parameters.Count)
        {
            throw new Asn1CompileException(tr.Position, $"{tr.Name} needs {a.Parameters.Count} actual parameters");
        }
        var newEnv = new Dictionary<string, Binding>();
        var keyParts = new List<string>();
        string? firstSet = null;
        for (int k = 0; k < a.Parameters.Count; k++)
        {
            var formal = a.Parameters[k];
            var actual = tr.Parameters[k];
            var b = new Binding();
            if (actual.ObjectSet is not null)
            {
                string set = actual.ObjectSet;
                if (env is not null && env.TryGetValue(set, out var outer))
                {
                    set = outer.ObjectSet ?? throw new Asn1CompileException(actual.Position, $"{set} is not an object set parameter");
                }
                b.ObjectSet = set;
                if (ObjectSet(set, m, actual.Position).Count == 0)
                {
                    // Every empty set (the usual "{ ... }" extension IE sets) gives the same type: share one instance.
                    keyParts.Add("{}");
                }
                else
                {
                    firstSet ??= set;
                    keyParts.Add("{" + set + "}");
                }
            }
            else if (actual.Value is not null || (actual.Type is TypeRefNode vr && formal.Governor is not null && IsValueGovernor(formal.Governor)))
            {
                var valueNode = actual.Value ?? new RefValueNode { Name = ((TypeRefNode)actual.Type!).Name, Position = actual.Position };
                if (!TryEvalInteger(valueNode, m, env, out long v))
                {
                    throw new Asn1CompileException(actual.Position, "actual value parameter must be an integer");
                }
                b.Value = v;
                keyParts.Add(v.ToString());
            }
            else
            {
                b.Type = actual.Type;
                b.TypeEnv = env;
                b.TypeModule = m;
                keyParts.Add(actual.Type is TypeRefNode tn ? tn.Name : "?" + actual.Position);
            }
            newEnv[formal.Name] = b;
        }
        string key = a.Name + "{" + string.Join(",", keyParts) + "}";
        if (a.Type is SequenceTypeNode)
        {
            if (_instances.TryGetValue(key, out var inst))
            {
                return new RNamed { Def = inst };
            }
            string baseName = (firstSet is not null ? Names.Pascal(firstSet) : "") + Names.Pascal(a.Name);
            var def = new NamedDef { AsnName = key, CsName = UniqueCsName(baseName), Position = tr.Position };
            _instances[key] = def;
            Types.Add(def);
            FillNamed(def, a.Type, a.Module, newEnv);
            return new RNamed { Def = def };
        }
        return Resolve(a.Type!, a.Module, newEnv, nameHint);
    }

    private static bool IsValueGovernor(string governor) => governor == "INTEGER" || !governor.Contains("-") && char.IsUpper(governor[0]) && governor.ToUpperInvariant() != governor;

    private RType Apply(RType r, ConstraintNode c, ModuleNode m, Dictionary<string, Binding>? env, string nameHint)
    {
        if (c.TableObjectSet is not null)
        {
            return r;
        }
        if (c.Containing is not null)
        {
            if (r is not ROctets o)
            {
                throw new Asn1CompileException(c.Position, "CONTAINING is supported on OCTET STRING only");
            }
            o.Containing = Resolve(c.Containing, m, env, nameHint + "Contained");
            return r;
        }
        switch (r)
        {
            case RInt i:
                {
                    var (lb, ub, ext) = Bounds(c, m, env);
                    var n = new RInt { Lb = lb ?? i.Lb, Ub = ub ?? i.Ub, Ext = ext };
                    if (BigUpper(c) is ulong big)
                    {
                        if (ext || n.Lb is not long nl || nl < 0)
                        {
                            throw new Asn1CompileException(c.Position, "integers above 2^63-1 are supported only as non-extensible lb..ub with lb >= 0");
                        }
                        n.BigUb = big;
                        n.Ub = null;
                    }
                    if (n.Lb is long l && n.Ub is long u && u < l)
                    {
                        throw new Asn1CompileException(c.Position, "empty integer range");
                    }
                    return n;
                }
            case RBits or ROctets or RChars or RList:
                {
                    var size = SizeOf(c) ?? (r is RChars ? null : throw new Asn1CompileException(c.Position, "only SIZE constraints are supported here"));
                    if (size is null)
                    {
                        return r; // permitted-alphabet constraints: not PER-visible for the strings 3GPP uses with them here
                    }
                    var (lb, ub, ext) = Bounds(size.Value.Inner, m, env);
                    bool extended = ext || size.Value.OuterExt;
                    long lo = lb ?? 0;
                    long hi = ub ?? -1;
                    return r switch
                    {
                        RBits => new RBits { Lb = lo, Ub = hi, Ext = extended },
                        ROctets oc => new ROctets { Lb = lo, Ub = hi, Ext = extended, Containing = oc.Containing },
                        RChars ch => new RChars { Kind = ch.Kind, Lb = lo, Ub = hi, Ext = extended },
                        RList li => new RList { Element = li.Element, Lb = lo, Ub = hi, Ext = extended },
                        _ => r,
                    };
                }
            case RNamed:
            case RBool:
            case RNull:
                return r;
            default:
                throw new Asn1CompileException(c.Position, "constraint not supported on this type");
        }
    }

    private static ulong? BigUpper(ConstraintNode c)
    {
        if (c.Root is { Unions.Count: 1 } set && set.Unions[0].Count == 1 && set.Unions[0][0] is RangeElementNode { High: IntegerValueNode { Big: ulong big } })
        {
            return big;
        }
        return null;
    }

    private static (ConstraintNode Inner, bool OuterExt)? SizeOf(ConstraintNode c)
    {
        if (c.Root is null)
        {
            return null;
        }
        foreach (var inter in c.Root.Unions)
        {
            foreach (var e in inter)
            {
                if (e is SizeElementNode s)
                {
                    return (s.Size, c.Extensible);
                }
            }
        }
        return null;
    }

    /// <summary>X.691 §10.3: the effective root range of a constraint (union: the smallest range that holds all).</summary>
    private (long? Lb, long? Ub, bool Ext) Bounds(ConstraintNode c, ModuleNode m, Dictionary<string, Binding>? env)
    {
        if (c.Root is null)
        {
            throw new Asn1CompileException(c.Position, "expected a value range");
        }
        long? lo = null;
        long? hi = null;
        bool first = true;
        bool unboundedLo = false;
        bool unboundedHi = false;
        foreach (var inter in c.Root.Unions)
        {
            long? ilo = null;
            long? ihi = null;
            bool iUnLo = true;
            bool iUnHi = true;
            foreach (var e in inter)
            {
                (long? l, long? h) = e switch
                {
                    ValueElementNode v => Single(v.Value, m, env),
                    RangeElementNode rg => (Endpoint(rg.Low, m, env), Endpoint(rg.High, m, env)),
                    NestedElementNode ne => Nested(ne, m, env),
                    _ => throw new Asn1CompileException(e.Position, "unsupported constraint element"),
                };
                if (l is long ll)
                {
                    ilo = ilo is long x ? Math.Max(x, ll) : ll;
                    iUnLo = false;
                }
                if (h is long hh)
                {
                    ihi = ihi is long y ? Math.Min(y, hh) : hh;
                    iUnHi = false;
                }
            }
            if (first)
            {
                lo = ilo;
                hi = ihi;
                unboundedLo = iUnLo;
                unboundedHi = iUnHi;
                first = false;
            }
            else
            {
                unboundedLo |= iUnLo;
                unboundedHi |= iUnHi;
                lo = lo is long a && ilo is long b ? Math.Min(a, b) : null;
                hi = hi is long c2 && ihi is long d ? Math.Max(c2, d) : null;
            }
        }
        return (unboundedLo ? null : lo, unboundedHi ? null : hi, c.Extensible);
    }

    private (long?, long?) Nested(NestedElementNode ne, ModuleNode m, Dictionary<string, Binding>? env)
    {
        var (l, h, _) = Bounds(ne.Inner, m, env);
        return (l, h);
    }

    private (long?, long?) Single(ValueNode v, ModuleNode m, Dictionary<string, Binding>? env)
    {
        long? x = Endpoint(v, m, env);
        return (x, x);
    }

    private long? Endpoint(ValueNode v, ModuleNode m, Dictionary<string, Binding>? env)
    {
        if (v is MinMaxValueNode)
        {
            return null;
        }
        if (!TryEvalInteger(v, m, env, out long x))
        {
            throw new Asn1CompileException(v.Position, "expected an integer value");
        }
        return x;
    }

    private bool TryEvalInteger(ValueNode v, ModuleNode m, Dictionary<string, Binding>? env, out long value)
    {
        value = 0;
        switch (v)
        {
            case IntegerValueNode i:
                value = i.Value;
                return true;
            case RefValueNode r:
                if (env is not null && env.TryGetValue(r.Name, out var b) && b.Value is long bv)
                {
                    value = bv;
                    return true;
                }
                var a = Lookup(r.Name, m);
                if (a?.Kind == AssignmentKind.Value && a.Value is not null)
                {
                    return TryEvalInteger(a.Value, a.Module, null, out value);
                }
                return false;
            default:
                return false;
        }
    }
}
