using System.Text.Json;
using InvoiceHub.Web.Data;
using InvoiceHub.Web.Integrations.Mollie;
using Microsoft.EntityFrameworkCore;

namespace InvoiceHub.Web.Features.Payments;

/// <summary>A client's Mollie customer and mandates: created on demand, mandates always read from Mollie.</summary>
public sealed class ClientMandates(
    IDbContextFactory<InvoiceHubDbContext> dbFactory,
    MollieClient mollie,
    TimeProvider clock,
    ILogger<ClientMandates> logger)
{
    public async Task<string?> CustomerIdOfAsync(int clientId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.MollieCustomers.AsNoTracking().Where(c => c.ClientId == clientId).Select(c => c.CustomerId).SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>The client's Mollie customer, created at Mollie (idempotently per client) the first time.</summary>
    public async Task<string> EnsureCustomerAsync(int clientId, CancellationToken cancellationToken = default)
    {
        if (await CustomerIdOfAsync(clientId, cancellationToken) is { } existing)
        {
            return existing;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var client = await db.Clients.AsNoTracking().Where(c => c.Id == clientId).Select(c => new { c.Id, c.Name, c.Email }).SingleOrDefaultAsync(cancellationToken)
                     ?? throw new Infrastructure.Errors.NotFoundException("client", clientId);
        var customer = await mollie.CreateCustomerAsync(new CreateCustomerRequest
        {
            Name = client.Name,
            Email = client.Email,
            Metadata = JsonSerializer.SerializeToElement(new { clientId }),
        }, $"customer:client:{clientId}", cancellationToken);

        db.MollieCustomers.Add(new MollieCustomerLink(clientId, customer.Id, clock.GetUtcNow()));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (MoneyTransaction.IsTransient(ex))
        {
            // Another request stored the client's customer first (the idempotency key made it the same one within the hour).
            return await CustomerIdOfAsync(clientId, cancellationToken)
                   ?? throw new InvalidOperationException($"Client {clientId}'s Mollie customer could not be stored.", ex);
        }

        logger.LogInformation("Client {ClientId} is Mollie customer {CustomerId}", clientId, customer.Id);
        return customer.Id;
    }

    /// <summary>Registers a signed SEPA direct debit mandate (name and IBAN) at Mollie.</summary>
    public async Task<MollieMandate> CreateDirectDebitMandateAsync(int clientId, string consumerName, string consumerAccount, CancellationToken cancellationToken = default)
    {
        var customerId = await EnsureCustomerAsync(clientId, cancellationToken);
        var iban = Iban.Normalize(consumerAccount);
        return await mollie.CreateMandateAsync(customerId, new CreateMandateRequest
        {
            Method = "directdebit",
            ConsumerName = consumerName.Trim(),
            ConsumerAccount = iban,
            SignatureDate = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        }, $"mandate:client:{clientId}:{iban}", cancellationToken);
    }

    /// <summary>
    /// The valid mandates auto-charge may use: those not on hold after a chargeback (<see cref="MandateHold"/>, cleared by
    /// staff on the client's page), newest first.
    /// </summary>
    public async Task<(string? CustomerId, IReadOnlyList<MollieMandate> Mandates)> ChargeableMandatesAsync(int clientId, CancellationToken cancellationToken = default)
    {
        var (customerId, valid) = await ValidMandatesAsync(clientId, cancellationToken);
        if (valid.Count == 0)
        {
            return (customerId, valid);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var held = await ActiveHoldsQuery(db, clientId).Select(h => h.MandateId).ToListAsync(cancellationToken);
        return (customerId, valid.Where(m => !held.Contains(m.Id)).ToList());
    }

    /// <summary>The client's mandates on hold after a chargeback, newest first.</summary>
    public async Task<IReadOnlyList<MandateHold>> HoldsAsync(int clientId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await ActiveHoldsQuery(db, clientId).AsNoTracking().OrderByDescending(h => h.HeldAt).ToListAsync(cancellationToken);
    }

    /// <summary>Staff let auto-charge use the mandate again (after talking to the client).</summary>
    public async Task ClearHoldAsync(int clientId, string mandateId, string clearedBy, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await ActiveHoldsQuery(db, clientId).SingleOrDefaultAsync(h => h.MandateId == mandateId, cancellationToken) is not { } hold)
        {
            return; // Already cleared (a second click, another staff member).
        }

        hold.Clear(clearedBy, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Hold on mandate {MandateId} of client {ClientId} cleared by {By}", mandateId, clientId, clearedBy);
    }

    /// <summary>
    /// The client removes a saved card or mandate: revoked at Mollie, so neither auto-charge nor anyone else can charge it
    /// again (auto-charge only uses the valid mandates Mollie lists). A mandate already revoked counts as removed.
    /// </summary>
    /// <returns>False when the mandate is not one of the client's.</returns>
    public async Task<bool> RevokeAsync(int clientId, string mandateId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(mandateId);
        if (await CustomerIdOfAsync(clientId, cancellationToken) is not { } customerId)
        {
            return false;
        }

        try
        {
            await mollie.RevokeMandateAsync(customerId, mandateId, cancellationToken);
        }
        catch (MollieException ex) when (ex.Status == 404)
        {
            return false; // Not a mandate of this client's customer: Mollie only finds mandates under their own customer.
        }
        catch (MollieException ex) when (ex.Status == 410)
        {
            logger.LogInformation(ex, "Mandate {MandateId} of client {ClientId} was already revoked", mandateId, clientId);
        }

        logger.LogInformation("Client {ClientId} removed mandate {MandateId}; it is revoked at Mollie", clientId, mandateId);
        return true;
    }

    private static IQueryable<MandateHold> ActiveHoldsQuery(InvoiceHubDbContext db, int clientId) =>
        db.MandateHolds.Where(h => h.ClientId == clientId && h.ClearedAt == null);

    /// <summary>The client's valid mandates at Mollie, newest first; empty when the client is no Mollie customer yet.</summary>
    public async Task<(string? CustomerId, IReadOnlyList<MollieMandate> Mandates)> ValidMandatesAsync(int clientId, CancellationToken cancellationToken = default)
    {
        var customerId = await CustomerIdOfAsync(clientId, cancellationToken);
        if (customerId is null)
        {
            return (null, []);
        }

        var mandates = await mollie.ListMandatesAsync(customerId, cancellationToken);
        return (customerId, mandates.Where(m => m.IsValid).OrderByDescending(m => m.CreatedAt).ToList());
    }
}
