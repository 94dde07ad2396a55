// C# names for ASN.1 references: PascalCase words, acronyms as words (PDUSessionID -> PduSessionId).
using System.Text;

namespace GlassCore.Asn1.Compiler;

public static class Names
{
    public static string Pascal(string asn)
    {
        var sb = new StringBuilder();
        foreach (string part in asn.Split('-'))
        {
            if (part.Length == 0)
            {
                continue;
            }
            string p = char.ToUpperInvariant(part[0]) + part.Substring(1);
            int i = 0;
            while (i < p.Length)
            {
                int start = i;
                if (char.IsUpper(p[i]) || char.IsDigit(p[i]))
                {
                    // A run of capitals and digits; its last capital starts the next word when a lowercase letter follows.
                    while (i < p.Length && (char.IsUpper(p[i]) || char.IsDigit(p[i])))
                    {
                        i++;
                    }
                    if (i < p.Length && char.IsLower(p[i]) && i - start > 1 && char.IsUpper(p[i - 1]))
                    {
                        i--;
                    }
                }
                while (i < p.Length && !char.IsUpper(p[i]) && (i == start || !char.IsDigit(p[i]) || char.IsDigit(p[i - 1]) || true))
                {
                    if (i > start && char.IsUpper(p[i]))
                    {
                        break;
                    }
                    i++;
                    if (i < p.Length && char.IsUpper(p[i]))
                    {
                        break;
                    }
                }
                if (i == start)
                {
                    i++;
                }
                string word = p.Substring(start, i - start);
                sb.Append(char.ToUpperInvariant(word[0]));
                sb.Append(word.Substring(1).ToLowerInvariant());
            }
        }
        string result = sb.ToString();
        if (result.Length == 0 || char.IsDigit(result[0]))
        {
            result = "_" + result;
        }
        return result;
    }
}
