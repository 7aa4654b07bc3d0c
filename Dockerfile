# syntax=docker/dockerfile:1
# OmniaKey's container image (docs/deployment.md, docs/adr/0037).
#   docker build -t omniakey .
# Build stage: the .NET SDK restores and publishes for the target architecture (ReadyToRun, docs/adr/0023).
# Runtime stage: the chiselled ASP.NET Core image — no shell, no package manager, runs as the non-root user `app`
# (UID 1654). The "-extra" flavour carries ICU and time-zone data, which the database clients need.
# There is no HEALTHCHECK: a chiselled image has no shell or curl to run one. The load balancer probes
# /health/ready itself (deploy/Balancer), and Kubernetes uses httpGet probes; see docs/health-and-shutdown.md.

ARG DOTNET_VERSION=10.0

FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS build
ARG TARGETARCH
WORKDIR /source

# Restore first, from the project files alone, so that a code change does not invalidate the package layer.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/Api/*.csproj src/Api/
COPY src/Application/*.csproj src/Application/
COPY src/Domain/*.csproj src/Domain/
COPY src/Infrastructure/*.csproj src/Infrastructure/
COPY src/Modules/Accounts/OmniaKey.Modules.Accounts.Contracts/OmniaKey.Modules.Accounts.Contracts.csproj src/Modules/Accounts/OmniaKey.Modules.Accounts.Contracts/
COPY src/Modules/Accounts/OmniaKey.Modules.Accounts/OmniaKey.Modules.Accounts.csproj src/Modules/Accounts/OmniaKey.Modules.Accounts/
COPY src/Modules/Billing/OmniaKey.Modules.Billing.Contracts/OmniaKey.Modules.Billing.Contracts.csproj src/Modules/Billing/OmniaKey.Modules.Billing.Contracts/
COPY src/Modules/Billing/OmniaKey.Modules.Billing/OmniaKey.Modules.Billing.csproj src/Modules/Billing/OmniaKey.Modules.Billing/
COPY src/Modules/Compliance/OmniaKey.Modules.Compliance.Contracts/OmniaKey.Modules.Compliance.Contracts.csproj src/Modules/Compliance/OmniaKey.Modules.Compliance.Contracts/
COPY src/Modules/Compliance/OmniaKey.Modules.Compliance/OmniaKey.Modules.Compliance.csproj src/Modules/Compliance/OmniaKey.Modules.Compliance/
COPY src/Modules/Keys/OmniaKey.Modules.Keys.Contracts/OmniaKey.Modules.Keys.Contracts.csproj src/Modules/Keys/OmniaKey.Modules.Keys.Contracts/
COPY src/Modules/Keys/OmniaKey.Modules.Keys/OmniaKey.Modules.Keys.csproj src/Modules/Keys/OmniaKey.Modules.Keys/
COPY src/Modules/Policies/OmniaKey.Modules.Policies.Contracts/OmniaKey.Modules.Policies.Contracts.csproj src/Modules/Policies/OmniaKey.Modules.Policies.Contracts/
COPY src/Modules/Policies/OmniaKey.Modules.Policies/OmniaKey.Modules.Policies.csproj src/Modules/Policies/OmniaKey.Modules.Policies/
COPY src/Modules/Routing/OmniaKey.Modules.Routing.Contracts/OmniaKey.Modules.Routing.Contracts.csproj src/Modules/Routing/OmniaKey.Modules.Routing.Contracts/
COPY src/Modules/Routing/OmniaKey.Modules.Routing/OmniaKey.Modules.Routing.csproj src/Modules/Routing/OmniaKey.Modules.Routing/
RUN dotnet restore src/Api/OmniaKey.Api.csproj --arch "${TARGETARCH:-amd64}"

COPY src/ src/
RUN dotnet publish src/Api/OmniaKey.Api.csproj --no-restore --configuration Release --arch "${TARGETARCH:-amd64}" \
        --self-contained false --output /app \
    && mkdir -p /data

FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION}-noble-chiseled-extra AS runtime
WORKDIR /app
COPY --from=build /app ./
# The data directory (GeoIP database, the SQLite database and key ring when no server database is used), owned by
# the non-root user; mount a volume here. Created in the build stage because this image has no shell to mkdir.
COPY --from=build --chown=1654:1654 /data /data
ENV ASPNETCORE_HTTP_PORTS=8080 \
    Data__Directory=/data
VOLUME ["/data"]
EXPOSE 8080
USER 1654
ENTRYPOINT ["dotnet", "OmniaKey.Api.dll"]
