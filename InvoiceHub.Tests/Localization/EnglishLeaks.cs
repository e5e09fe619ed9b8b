using System.Text.RegularExpressions;
using InvoiceHub.Tests.Infrastructure;
using Microsoft.Playwright;

namespace InvoiceHub.Tests.Localization;

/// <summary>The scan the language browser tests run on each page: nothing of the English of the given resource areas shows.</summary>
public static class EnglishLeaks
{
    /// <summary>Every area a back-office page draws its texts from, MudBlazor's own (ComponentText) included.</summary>
    public static readonly string[] BackOffice = ["SharedText", "StaffText", "InvoiceText", "AdminText", "PayText", "ComponentText"];

    /// <summary>
    /// The page's visible text, its title and its elements' aria-label, title, alt and placeholder hold none of the
    /// English texts of the resource areas <paramref name="areas"/> that read differently in <paramref name="code"/>, as whole words.
    /// </summary>
    public static async Task AssertNoneAsync(IPage page, string code, string name, params string[] areas)
    {
        var text = await page.EvaluateAsync<string>("""
            () => [document.title, document.body.innerText,
                   ...[...document.querySelectorAll('[aria-label],[title],[alt],[placeholder]')]
                       .flatMap(e => ['aria-label', 'title', 'alt', 'placeholder'].map(a => e.getAttribute(a)).filter(v => v))].join('\n')
            """);
        var leaks = EnglishTexts(code, areas).Where(english => WholePhrase(english).IsMatch(text)).ToList();
        if (leaks.Count > 0)
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(RepositoryRoot.Path, "test-artifacts", "screenshots", $"english-leak-{name}-{code}.png"), FullPage = true });
        }
        Assert.True(leaks.Count == 0, $"The {name} page in {code} ({page.Url}) shows English: " + string.Join(", ", leaks.Select(english =>
        {
            var at = WholePhrase(english).Match(text).Index;
            return $"\"{english}\" in \"…{text.Substring(Math.Max(0, at - 60), Math.Min(text.Length - Math.Max(0, at - 60), english.Length + 120))}…\"";
        })));
    }

    /// <summary>
    /// The English values of the areas that a translation into <paramref name="code"/> changes (not marked identical,
    /// not equal to the English), split at placeholders into their fixed parts; a part that is itself a whole text of
    /// the language ("Open" is Dutch for an open invoice, and English for a date picker's button) is left out.
    /// </summary>
    private static IReadOnlyList<string> EnglishTexts(string code, string[] areas)
    {
        var folder = Path.Combine(RepositoryRoot.Path, "InvoiceHub.Web", "Resources");
        var texts = new HashSet<string>(StringComparer.Ordinal);
        var translations = areas.SelectMany(area => TranslationTests.Read(Path.Combine(folder, code, $"{area}.{code}.resx")).Values)
            .Select(t => t.Value).ToHashSet(StringComparer.Ordinal);
        foreach (var area in areas)
        {
            var english = TranslationTests.Read(Path.Combine(folder, $"{area}.resx"));
            var other = TranslationTests.Read(Path.Combine(folder, code, $"{area}.{code}.resx"));
            foreach (var (key, text) in english)
            {
                if (!other.TryGetValue(key, out var translated) || translated.Identical || translated.Value == text.Value)
                {
                    continue;
                }
                foreach (var part in Regex.Split(text.Value, @"\{\d+\}"))
                {
                    var trimmed = part.Trim(' ', ',', '.', ':', ';', '(', ')', '·', '—');
                    // A fragment of two letters between placeholders ("{0}-{1} of {2}") is not evidence of English.
                    if (trimmed.Count(char.IsLetter) >= 3 && !translations.Contains(trimmed))
                    {
                        texts.Add(trimmed);
                    }
                }
            }
        }
        return texts.ToList();
    }

    private static Regex WholePhrase(string english) =>
        new($@"(?<![\p{{L}}\p{{N}}]){Regex.Escape(english)}(?![\p{{L}}\p{{N}}])", RegexOptions.CultureInvariant);
}
