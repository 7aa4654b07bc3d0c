#!/usr/bin/env bash
# Adds an EF Core migration with the same name for every module and every database provider, so the three
# providers never drift apart. Usage: scripts/add-migration.sh <MigrationName> [Module ...]
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:?usage: scripts/add-migration.sh <MigrationName> [Module ...]}
shift
modules=("$@")
[ ${#modules[@]} -gt 0 ] || modules=(Accounts Keys Billing Routing Compliance Policies)
dotnet tool restore >/dev/null
dotnet build src/Api -v q -nologo >/dev/null
for module in "${modules[@]}"; do
  project="src/Modules/$module/OmniaKey.Modules.$module"
  for provider in Sqlite Postgres SqlServer; do
    echo "== $module / $provider"
    dotnet ef migrations add "$name" --no-build \
      --project "$project" --startup-project src/Api \
      --context "${provider}${module}DbContext" \
      --output-dir "Infrastructure/Persistence/Migrations/$provider" \
      --namespace "OmniaKey.Modules.$module.Infrastructure.Persistence.Migrations.$provider"
  done
done
