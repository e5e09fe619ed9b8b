using System.Globalization;
using InvoiceHub.Web.Resources;
using Microsoft.AspNetCore.Identity;

namespace InvoiceHub.Web.Features.Account;

/// <summary>
/// Identity's refusals that a person reads (a password too weak on Set password, an email already taken on an
/// invite) in the reader's language; the English is Identity's own. Codes are Identity's, so code that checks
/// <see cref="IdentityError.Code"/> (an unusable link is <c>InvalidToken</c>) is unaffected.
/// </summary>
public sealed class IdentityErrors : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort), AccountText.PasswordTooShort, length);

    public override IdentityError PasswordRequiresDigit() => Error(nameof(PasswordRequiresDigit), AccountText.PasswordRequiresDigit);

    public override IdentityError PasswordRequiresLower() => Error(nameof(PasswordRequiresLower), AccountText.PasswordRequiresLower);

    public override IdentityError PasswordRequiresUpper() => Error(nameof(PasswordRequiresUpper), AccountText.PasswordRequiresUpper);

    public override IdentityError PasswordRequiresNonAlphanumeric() => Error(nameof(PasswordRequiresNonAlphanumeric), AccountText.PasswordRequiresNonAlphanumeric);

    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => Error(nameof(PasswordRequiresUniqueChars), AccountText.PasswordRequiresUniqueChars, uniqueChars);

    public override IdentityError PasswordMismatch() => Error(nameof(PasswordMismatch), AccountText.PasswordMismatch);

    public override IdentityError DuplicateEmail(string email) => Error(nameof(DuplicateEmail), AccountText.DuplicateEmail, email);

    public override IdentityError DuplicateUserName(string userName) => Error(nameof(DuplicateUserName), AccountText.DuplicateUserName, userName);

    public override IdentityError InvalidEmail(string? email) => Error(nameof(InvalidEmail), AccountText.InvalidEmail, email);

    public override IdentityError InvalidUserName(string? userName) => Error(nameof(InvalidUserName), AccountText.InvalidUserName, userName);

    public override IdentityError DefaultError() => Error(nameof(DefaultError), AccountText.DefaultIdentityError);

    private static IdentityError Error(string code, string text, params object?[] values) =>
        new() { Code = code, Description = string.Format(CultureInfo.CurrentCulture, text, values) };
}
