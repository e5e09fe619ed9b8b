#!/usr/bin/env bash
# Adds one EF Core migration to each provider's set (SQLite, PostgreSQL, SQL Server; docs/decisions/0019):
#   scripts/add-migration.sh AddSomething
# Then check the three generated files (and add by hand what EF cannot infer, e.g. a data fix or
# migrationBuilder.Sql("DROP TABLE IF EXISTS ...") in each), and run the migration tests:
#   dotnet test InvoiceHub.Tests --filter "FullyQualifiedName~Migrations"
set -euo pipefail

if [[ $# -ne 1 || ! $1 =~ ^[A-Z][A-Za-z0-9]*$ ]]; then
    echo "usage: $0 MigrationName   (PascalCase, e.g. AddInvoiceNotes)" >&2
    exit 2
fi
name=$1
cd "$(dirname "${BASH_SOURCE[0]}")/.."

dotnet tool restore >/dev/null
dotnet build InvoiceHub.Web -nologo -v q
for provider in Sqlite Postgres SqlServer; do
    echo "== ${provider}"
    dotnet ef migrations add "$name" --no-build --project InvoiceHub.Web \
        --context "${provider}MigrationsContext" \
        --output-dir "Data/Migrations/${provider}"
done
# Each set must now match the model: a forgotten provider fails here rather than at start-up.
dotnet build InvoiceHub.Web -nologo -v q
for provider in Sqlite Postgres SqlServer; do
    dotnet ef migrations has-pending-model-changes --no-build --project InvoiceHub.Web --context "${provider}MigrationsContext"
done
