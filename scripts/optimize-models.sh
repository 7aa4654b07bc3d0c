#!/usr/bin/env bash
# Regenerates the EF Core compiled models (docs/adr/0051-startup-overlapped.md): one per module context and database
# provider, in <persistence folder>/CompiledModels/<Provider>/ beside the migrations. EF finds them at run time through
# the assembly attribute each one carries, so a start-up builds no model. Run it after every change to an entity or
# its configuration (scripts/add-migration.sh runs it); CompiledModelsTests fails while a compiled model is out of date.
# Usage: scripts/optimize-models.sh [Module ...]     (modules: the folder names under src/Modules, or Messaging, Audit, KeyRing)
set -euo pipefail
cd "$(dirname "$0")/.."
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
    folder=$target
    namespace=OmniaKey.Infrastructure.$target
  elif [ "$target" = KeyRing ]; then
    project=src/Infrastructure
    folder=Security/KeyRing
    namespace=OmniaKey.Infrastructure.Security.KeyRing
  else
    project="src/Modules/$target/OmniaKey.Modules.$target"
    folder=Infrastructure/Persistence
    namespace=OmniaKey.Modules.$target.Infrastructure.Persistence
  fi
  for provider in Sqlite Postgres SqlServer; do
    echo "== $target / $provider"
    rm -rf "$project/$folder/CompiledModels/$provider"
    dotnet ef dbcontext optimize --no-build \
      --project "$project" --startup-project src/Api \
      --context "${provider}${target}DbContext" \
      --output-dir "$folder/CompiledModels/$provider" \
      --namespace "$namespace.CompiledModels.$provider" >/dev/null
  done
done
