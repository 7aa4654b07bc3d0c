#!/usr/bin/env bash
# Adds an EF Core migration with the same name for every database provider of every module (and of the shared
# messaging schema: the outbox and inbox; of the audit schema: the admin audit trail; and of the dataprotection schema: the
# shared key ring), so the three providers never drift apart.
# Usage: scripts/add-migration.sh <MigrationName> [Module ...]     (modules: the folder names under src/Modules, or Messaging, Audit, KeyRing)
#
# Then it regenerates the same modules' compiled models (scripts/optimize-models.sh), which must follow every model change.
#
# Each migration, its designer file and the context's model snapshot land together in
# <project>/<persistence folder>/Migrations/<Provider>/. Only --output-dir is given: with --namespace as well, EF puts
# the snapshot in a folder derived from the namespace instead, away from its migrations.
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:?usage: scripts/add-migration.sh <MigrationName> [Module ...]}
shift
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(Messaging Audit KeyRing)
  for dir in src/Modules/*/; do targets+=("$(basename "$dir")"); done
fi
dotnet tool restore >/dev/null
dotnet build src/Api -v q -nologo >/dev/null
for target in "${targets[@]}"; do
  if [ "$target" = Messaging ] || [ "$target" = Audit ]; then
    project=src/Infrastructure
    output=$target/Migrations
  elif [ "$target" = KeyRing ]; then
    project=src/Infrastructure
    output=Security/KeyRing/Migrations
  else
    project="src/Modules/$target/OmniaKey.Modules.$target"
    output=Infrastructure/Persistence/Migrations
  fi
  for provider in Sqlite Postgres SqlServer; do
    echo "== $target / $provider"
    dotnet ef migrations add "$name" --no-build \
      --project "$project" --startup-project src/Api \
      --context "${provider}${target}DbContext" \
      --output-dir "$output/$provider"
  done
done
scripts/optimize-models.sh "${targets[@]}"
