using System.Text.RegularExpressions;
using System.Xml.Linq;
using InvoiceHub.Tests.Infrastructure;
using InvoiceHub.Web.Infrastructure.Localization;

namespace InvoiceHub.Tests.Localization;

/// <summary>
/// Every text in English (InvoiceHub.Web/Resources/*.resx) exists in every other language InvoiceHub speaks
/// (Resources/&lt;code&gt;/*.&lt;code&gt;.resx), is translated, and keeps its placeholders. A translation may equal the
/// English only when its entry says so with the comment <c>identical</c> ("Total", "IBAN", a brand name).
/// </summary>
public sealed partial class TranslationTests
{
    private static string ResourcesPath => Path.Combine(RepositoryRoot.Path, "InvoiceHub.Web", "Resources");

    /// <summary>The Mollie simulator's own texts (its hosted checkout), kept the same way.</summary>
    private static string SimulatorResourcesPath => Path.Combine(RepositoryRoot.Path, "InvoiceHub.MollieSimulator", "Resources");

    public static TheoryData<string, string> AreasAndLanguages() => AreasAndLanguagesOf(ResourcesPath);

    public static TheoryData<string, string> SimulatorAreasAndLanguages() => AreasAndLanguagesOf(SimulatorResourcesPath);

    private static TheoryData<string, string> AreasAndLanguagesOf(string resourcesPath)
    {
        var data = new TheoryData<string, string>();
        foreach (var area in Areas(resourcesPath))
        {
            foreach (var language in Languages.All.Where(l => l != Languages.English))
            {
                data.Add(area, language.Code);
            }
        }
        return data;
    }

    [Fact]
    public void There_are_texts_and_every_resource_folder_is_a_language_InvoiceHub_speaks()
    {
        Assert.NotEmpty(Areas());
        var folders = Directory.GetDirectories(ResourcesPath).Select(Path.GetFileName).OfType<string>().Order().ToList();
        Assert.Equal(Languages.Codes.Where(c => c != "en").Order().ToList(), folders);
    }

    [Theory]
    [MemberData(nameof(AreasAndLanguages))]
    public void Each_text_is_translated_with_the_same_placeholders(string area, string code) =>
        AssertTranslated(ResourcesPath, area, code);

    [Theory]
    [MemberData(nameof(SimulatorAreasAndLanguages))]
    public void Each_simulator_text_is_translated_with_the_same_placeholders(string area, string code) =>
        AssertTranslated(SimulatorResourcesPath, area, code);

    [Fact]
    public void The_simulator_has_texts_in_every_language_InvoiceHub_speaks()
    {
        Assert.NotEmpty(Areas(SimulatorResourcesPath));
        var folders = Directory.GetDirectories(SimulatorResourcesPath).Select(Path.GetFileName).OfType<string>().Order().ToList();
        Assert.Equal(Languages.Codes.Where(c => c != "en").Order().ToList(), folders);
    }

    private static void AssertTranslated(string resourcesPath, string area, string code)
    {
        var english = Read(Path.Combine(resourcesPath, area + ".resx"));
        var path = Path.Combine(resourcesPath, code, $"{area}.{code}.resx");
        Assert.True(File.Exists(path), $"{area} has no {code} translation: {path}");
        var translated = Read(path);

        var missing = english.Keys.Except(translated.Keys).Order().ToList();
        var extra = translated.Keys.Except(english.Keys).Order().ToList();
        Assert.True(missing.Count == 0, $"{area}.{code} lacks {missing.Count}: {string.Join(", ", missing)}");
        Assert.True(extra.Count == 0, $"{area}.{code} has texts English does not: {string.Join(", ", extra)}");

        var problems = new List<string>();
        foreach (var (key, text) in english)
        {
            var other = translated[key];
            if (string.IsNullOrWhiteSpace(other.Value))
            {
                problems.Add($"{key} is empty");
            }
            else if (other.Value == text.Value && !other.Identical && Letters().IsMatch(text.Value))
            {
                problems.Add($"{key} is left in English (\"{text.Value}\"; mark it <comment>identical</comment> if it is meant to be)");
            }
            if (!Placeholders(text.Value).SetEquals(Placeholders(other.Value)))
            {
                problems.Add($"{key} has placeholders {string.Join(" ", Placeholders(other.Value))}, English {string.Join(" ", Placeholders(text.Value))}");
            }
        }
        Assert.True(problems.Count == 0, $"{area}.{code}:\n" + string.Join("\n", problems));
    }

    internal static IReadOnlyList<string> Areas() => Areas(ResourcesPath);

    private static IReadOnlyList<string> Areas(string resourcesPath) =>
        Directory.GetFiles(resourcesPath, "*.resx").Select(Path.GetFileNameWithoutExtension).OfType<string>().Order().ToList();

    internal static Dictionary<string, (string Value, bool Identical)> Read(string path) =>
        XDocument.Load(path).Root!.Elements("data").ToDictionary(
            d => (string)d.Attribute("name")!,
            d => ((string?)d.Element("value") ?? "", ((string?)d.Element("comment") ?? "").Contains("identical", StringComparison.OrdinalIgnoreCase)));

    private static HashSet<string> Placeholders(string text) => Placeholder().Matches(text).Select(m => m.Groups[1].Value).ToHashSet();

    [GeneratedRegex(@"\{(\d+)(?:[,:][^}]*)?\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\p{L}{2,}")]
    private static partial Regex Letters();
}
