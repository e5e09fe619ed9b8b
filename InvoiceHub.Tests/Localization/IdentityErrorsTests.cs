using InvoiceHub.Tests.Infrastructure;
using InvoiceHub.Web.Data;
using InvoiceHub.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace InvoiceHub.Tests.Localization;

/// <summary>
/// Identity's refusals a person reads (Set password, an invite to an email already taken) follow the reader's
/// language, through the app's own UserManager and its validators; their codes stay Identity's.
/// </summary>
public sealed class IdentityErrorsTests : IAsyncLifetime
{
    private InvoiceHubFactory _app = null!;

    public async Task InitializeAsync() => _app = await InvoiceHubFactory.CreateAsync(new InvoiceHubOptions());

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [InlineData("en", "Passwords must be at least 10 characters.", "Passwords must have at least one digit ('0'-'9').")]
    [InlineData("es", "La contraseña debe tener al menos 10 caracteres.", "La contraseña debe contener al menos un dígito ('0'-'9').")]
    [InlineData("nl", "Een wachtwoord moet minstens 10 tekens lang zijn.", "Een wachtwoord moet minstens één cijfer ('0'-'9') bevatten.")]
    public async Task A_weak_password_is_refused_in_the_reader_s_language(string code, string tooShort, string needsDigit)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        using var _ = Languages.Use(code);

        var errors = new List<IdentityError>();
        foreach (var validator in users.PasswordValidators)
        {
            errors.AddRange((await validator.ValidateAsync(users, new AppUser { UserName = "p@example.test" }, "Ab!")).Errors);
        }

        Assert.Contains(errors, e => e.Code == "PasswordTooShort" && e.Description == tooShort);
        Assert.Contains(errors, e => e.Code == "PasswordRequiresDigit" && e.Description == needsDigit);
    }

    [Fact]
    public async Task An_email_already_taken_is_refused_in_Dutch_with_the_address()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        Assert.True((await users.CreateAsync(new AppUser { UserName = "taken@example.test", Email = "taken@example.test" })).Succeeded);
        using var _ = Languages.Use("nl");

        var result = await users.CreateAsync(new AppUser { UserName = "other@example.test", Email = "taken@example.test" });

        var error = Assert.Single(result.Errors);
        Assert.Equal("DuplicateEmail", error.Code);
        Assert.Equal("Het e-mailadres 'taken@example.test' is al in gebruik.", error.Description);
    }
}
