// Builds a value of every generated NGAP type with every OPTIONAL component, extension addition and listed IE present,
// guided by the compiler's own model of TS 38.413 (constraints included). Reflection is fine here: test code only.
using System.Reflection;
using GlassCore.Asn1;
using GlassCore.Asn1.Compiler;
using GlassCore.TestSupport;

namespace GlassCore.Ngap.Tests;

internal sealed class SampleBuilder
{
    private readonly Assembly _asm = typeof(NgapPdu).Assembly;
    private readonly Dictionary<string, NamedDef> _defs;

    public SampleBuilder()
    {
        var modules = Directory.GetFiles(SharedData.Specs("ngap"), "*.asn").Order(StringComparer.Ordinal)
            .SelectMany(f => Parser.ParseFile(Path.GetFileName(f), File.ReadAllText(f))).ToList();
        Model = Model.Build(modules);
        _defs = Model.Types.ToDictionary(d => d.CsName);
    }

    public Model Model { get; }

    public Type Clr(string csName) => _asm.GetType("GlassCore.Ngap." + csName) ?? throw new InvalidOperationException(csName);

    /// <summary>Every NGAP-PDU the object set NGAP-ELEMENTARY-PROCEDURES allows: one per procedure and outcome.</summary>
    public IEnumerable<(string Name, NgapPdu Pdu)> AllPdus()
    {
        foreach (var (wrapper, pduAlt) in new[] { ("InitiatingMessage", "InitiatingMessage"), ("SuccessfulOutcome", "SuccessfulOutcome"), ("UnsuccessfulOutcome", "UnsuccessfulOutcome") })
        {
            var def = _defs[wrapper];
            var union = ((ROpen)def.Root.First(c => c.Type is ROpen).Type).Union;
            foreach (var alt in union.Alts)
            {
                object message = Sequence(def, Clr(wrapper), 0, (union, alt));
                var pdu = (NgapPdu)Activator.CreateInstance(typeof(NgapPdu).GetNestedType(pduAlt)!)!;
                pdu.GetType().GetProperty("Value")!.SetValue(pdu, message);
                yield return ($"{wrapper}.{alt.CsName}", pdu);
            }
        }
    }

    private object Sample(RType t, Type clr, int depth)
    {
        if (depth > 40)
        {
            throw new InvalidOperationException("type nesting too deep for a sample");
        }
        switch (t)
        {
            case RInt { BigUb: ulong big }:
                return big;
            case RInt i:
                return i.Ub ?? i.Lb ?? 0L;
            case RBool:
                return true;
            case RNull:
                return default(Asn1Null);
            case ROid:
                return new byte[] { 0x2a, 0x03 };
            case ROctets o:
                if (o.Containing is RNamed contained)
                {
                    return Per.Encode((IPerEncodable)Sample(contained, Clr(contained.Def.CsName), depth + 1));
                }
                byte[] octets = Enumerable.Range(1, Size(o.Lb, o.Ub, 3)).Select(b => (byte)b).ToArray();
                return clr == typeof(FixedOctetString) ? new FixedOctetString(octets) : octets;
            case RBits b:
                {
                    int len = Size(b.Lb, b.Ub, 8);
                    var bytes = new byte[(len + 7) / 8];
                    if (len > 0)
                    {
                        bytes[0] = 0x80;
                    }
                    return new BitString(bytes, len);
                }
            case RChars c:
                return new string(c.Kind == BuiltinKind.NumericString ? '1' : 'a', Size(c.Lb, c.Ub, 5));
            case RList l:
                return List(l, clr, depth);
            case RNamed { Def.Kind: NamedKind.Enumerated } e:
                return Enum.ToObject(clr, e.Def.RootItems - 1);
            case RNamed { Def.Kind: NamedKind.Sequence } s:
                return Sequence(s.Def, clr, depth + 1, null);
            case RNamed { Def.Kind: NamedKind.Choice } c:
                {
                    var alt = c.Def.Root[0];
                    var altClr = clr.GetNestedType(alt.CsName)!;
                    object v = Activator.CreateInstance(altClr)!;
                    var prop = altClr.GetProperty("Value")!;
                    prop.SetValue(v, Sample(alt.Type, prop.PropertyType, depth + 1));
                    return v;
                }
            default:
                throw new InvalidOperationException(t.GetType().Name);
        }
    }

    private static int Size(long lb, long ub, int preferred) =>
        (int)(lb > 0 ? lb : ub >= 0 ? Math.Min(ub, preferred) : preferred);

    private Array List(RList l, Type clr, int depth)
    {
        var list = new List<object>();
        Type elemClr = clr.GetElementType()!;
        if (l.Element is RNamed { Def.Kind: NamedKind.Sequence } field && field.Def.Root.Find(c => c.CsName == "Value" && c.Type is ROpen) is { } valueComp)
        {
            // A protocol IE container: every IE its object set lists, once each.
            var union = ((ROpen)valueComp.Type).Union;
            foreach (var alt in union.Alts)
            {
                list.Add(Sequence(field.Def, elemClr, depth + 1, (union, alt)));
            }
            if (list.Count == 0 && l.Lb > 0)
            {
                list.Add(Sequence(field.Def, elemClr, depth + 1, null));
            }
            return ToArray(list, elemClr);
        }
        int count = (int)Math.Max(1, l.Lb);
        for (int i = 0; i < count; i++)
        {
            list.Add(Sample(l.Element, elemClr, depth + 1));
        }
        return ToArray(list, elemClr);
    }

    private static Array ToArray(List<object> items, Type elemClr)
    {
        var array = Array.CreateInstance(elemClr, items.Count);
        for (int i = 0; i < items.Count; i++)
        {
            array.SetValue(items[i], i);
        }
        return array;
    }

    private object Sequence(NamedDef def, Type clr, int depth, (OpenUnion Union, OpenAlt Alt)? forced)
    {
        object obj = Activator.CreateInstance(clr)!;
        foreach (var c in def.Root.Concat(def.Additions))
        {
            var prop = clr.GetProperty(c.CsName)!;
            Type target = Nullable.GetUnderlyingType(prop.PropertyType) ?? prop.PropertyType;
            if (c.Type is ROpen open)
            {
                var alt = forced is { } f && f.Union == open.Union ? f.Alt : open.Union.Alts.FirstOrDefault();
                object value;
                if (alt is null)
                {
                    var unknown = clr.Assembly.GetType(target.FullName + "+Unknown")!;
                    value = Activator.CreateInstance(unknown)!;
                    unknown.GetProperty("Id")!.SetValue(value, 0L);
                    unknown.GetProperty("Encoded")!.SetValue(value, new byte[] { 0 });
                }
                else
                {
                    var altClr = target.GetNestedType(alt.CsName)!;
                    value = Activator.CreateInstance(altClr)!;
                    var vp = altClr.GetProperty("Value")!;
                    vp.SetValue(value, Sample(alt.Type, vp.PropertyType, depth + 1));
                    if (open.KeyComponent.Length > 0)
                    {
                        clr.GetProperty(open.KeyComponent)!.SetValue(obj, alt.Key);
                    }
                    var crit = altClr.GetProperty("DefinedCriticality", BindingFlags.Public | BindingFlags.Static);
                    var critProp = clr.GetProperty(c.CsName == "SecondValue" ? "SecondCriticality" : c.CsName == "FirstValue" ? "FirstCriticality" : "Criticality");
                    if (crit is not null && critProp is not null)
                    {
                        critProp.SetValue(obj, crit.GetValue(null));
                    }
                }
                prop.SetValue(obj, value);
                continue;
            }
            if (prop.GetValue(obj) is not null && c.Type is RInt && def.Root.Any(o => o.Type is ROpen { KeyComponent: var k } && k == c.CsName))
            {
                continue; // the key of an open type, set with it
            }
            prop.SetValue(obj, Sample(c.Type, target, depth + 1));
        }
        return obj;
    }
}
