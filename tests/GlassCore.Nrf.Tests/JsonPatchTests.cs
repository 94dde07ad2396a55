// RFC 6902 Appendix A examples through GlassCore.Sbi.JsonPatch (the NRF's NFUpdate, TS 29.510 §5.2.2.3): each patch
// is read as TS 29.571 PatchItems with the SBI's own deserializer and applied to a JsonNode document.
using System.Text.Json;
using System.Text.Json.Nodes;
using GlassCore.Sbi;
using GlassCore.Sbi.Models;

namespace GlassCore.Nrf.Tests;

public sealed class JsonPatchTests
{
    private static (JsonNode Doc, ProblemDetails? Problem) Apply(string document, string patch)
    {
        JsonNode doc = JsonNode.Parse(document)!;
        List<PatchItem> items = JsonSerializer.Deserialize(patch, SbiJsonContext.Default.ListPatchItem)!;
        return (doc, JsonPatch.Apply(doc, items));
    }

    [Theory]
    // A.1 adding an object member, A.2 an array element, A.3 removing a member, A.4 an element, A.5 replacing a value
    [InlineData("""{"foo":"bar"}""", """[{"op":"add","path":"/baz","value":"qux"}]""", """{"foo":"bar","baz":"qux"}""")]
    [InlineData("""{"foo":["bar","baz"]}""", """[{"op":"add","path":"/foo/1","value":"qux"}]""", """{"foo":["bar","qux","baz"]}""")]
    [InlineData("""{"baz":"qux","foo":"bar"}""", """[{"op":"remove","path":"/baz"}]""", """{"foo":"bar"}""")]
    [InlineData("""{"foo":["bar","qux","baz"]}""", """[{"op":"remove","path":"/foo/1"}]""", """{"foo":["bar","baz"]}""")]
    [InlineData("""{"baz":"qux","foo":"bar"}""", """[{"op":"replace","path":"/baz","value":"boo"}]""", """{"baz":"boo","foo":"bar"}""")]
    // A.6 moving a value, A.7 moving an array element
    [InlineData("""{"foo":{"bar":"baz","waldo":"fred"},"qux":{"corge":"grault"}}""", """[{"op":"move","from":"/foo/waldo","path":"/qux/thud"}]""",
        """{"foo":{"bar":"baz"},"qux":{"corge":"grault","thud":"fred"}}""")]
    [InlineData("""{"foo":["all","grass","cows","eat"]}""", """[{"op":"move","from":"/foo/1","path":"/foo/3"}]""", """{"foo":["all","cows","eat","grass"]}""")]
    // A.8 testing a value (success), A.10 adding a nested member object, A.11 ignoring unrecognised elements
    [InlineData("""{"baz":"qux","foo":["a",2,"c"]}""", """[{"op":"test","path":"/baz","value":"qux"},{"op":"test","path":"/foo/1","value":2}]""",
        """{"baz":"qux","foo":["a",2,"c"]}""")]
    [InlineData("""{"foo":"bar"}""", """[{"op":"add","path":"/child","value":{"grandchild":{}}}]""", """{"foo":"bar","child":{"grandchild":{}}}""")]
    [InlineData("""{"foo":"bar"}""", """[{"op":"add","path":"/baz","value":"qux","xyz":123}]""", """{"foo":"bar","baz":"qux"}""")]
    // A.14 ~ escape ordering, A.16 adding an array value, copy (§4.5)
    [InlineData("""{"/":9,"~1":10}""", """[{"op":"test","path":"/~01","value":10}]""", """{"/":9,"~1":10}""")]
    [InlineData("""{"foo":["bar"]}""", """[{"op":"add","path":"/foo/-","value":["abc","def"]}]""", """{"foo":["bar",["abc","def"]]}""")]
    [InlineData("""{"a":{"b":1}}""", """[{"op":"copy","from":"/a","path":"/c"}]""", """{"a":{"b":1},"c":{"b":1}}""")]
    public void Rfc6902AppendixA_Applies(string document, string patch, string expected)
    {
        var (doc, problem) = Apply(document, patch);
        Assert.Null(problem);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), doc), doc.ToJsonString());
    }

    [Theory]
    // A.9 a failed test, A.15 comparing a string with a number: 409 (the test's condition), pointing at the operation.
    [InlineData("""{"baz":"qux"}""", """[{"op":"test","path":"/baz","value":"bar"}]""", 0)]
    [InlineData("""{"/":9,"~1":10}""", """[{"op":"test","path":"/~01","value":"10"}]""", 0)]
    [InlineData("""{"a":1}""", """[{"op":"replace","path":"/a","value":2},{"op":"test","path":"/a","value":1}]""", 1)]
    public void FailedTest_409_NamesTheOperation(string document, string patch, int index)
    {
        var (_, problem) = Apply(document, patch);
        Assert.NotNull(problem);
        Assert.Equal(409, problem.Status);
        Assert.Equal("MODIFICATION_NOT_ALLOWED", problem.Cause);
        Assert.Equal("/" + index, problem.InvalidParams![0].Param);
    }

    [Theory]
    // A.12 adding to a nonexistent target; removing a missing member; an index past the end; an unknown op
    // (RFC 6902 §4: an error, which the library alone would skip); move without from; a path that is no pointer.
    [InlineData("""{"foo":"bar"}""", """[{"op":"add","path":"/baz/bat","value":"qux"}]""")]
    [InlineData("""{"foo":"bar"}""", """[{"op":"remove","path":"/nope"}]""")]
    [InlineData("""{"foo":[1]}""", """[{"op":"replace","path":"/foo/5","value":1}]""")]
    [InlineData("""{"foo":"bar"}""", """[{"op":"merge","path":"/foo","value":1}]""")]
    [InlineData("""{"foo":"bar"}""", """[{"op":"move","path":"/x"}]""")]
    [InlineData("""{"foo":"bar"}""", """[{"op":"add","path":"foo","value":1}]""")]
    public void InvalidOperation_400_InvalidMsgFormat(string document, string patch)
    {
        var (_, problem) = Apply(document, patch);
        Assert.NotNull(problem);
        Assert.Equal(400, problem.Status);
        Assert.Equal("INVALID_MSG_FORMAT", problem.Cause);
    }
}
