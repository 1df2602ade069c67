# syntax=docker/dockerfile:1
# The JobHome silo image: one process = Orleans silo + HTTP API + dashboards (docs/deployment.md).
#   docker build -t jobhome-silo:<tag> .
# Build stage: the .NET 10 SDK (Ubuntu 24.04) plus Node.js for the dashboard bundle, which an MSBuild
# target of JobHome.Silo builds with `npm ci` and Vite during publish.
ARG DOTNET_VERSION=10.0
ARG NODE_VERSION=22

# Node.js comes from the official Node image: Ubuntu 24.04's own package (Node 18) is too old for Vite.
FROM node:${NODE_VERSION}-bookworm-slim AS node

FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS build
COPY --from=node /usr/local/bin/node /usr/local/bin/node
COPY --from=node /usr/local/lib/node_modules/npm /usr/local/lib/node_modules/npm
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \
 && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx \
 && node --version && npm --version
ENV DOTNET_CLI_TELEMETRY_OPTOUT=1 \
    DOTNET_NOLOGO=1
WORKDIR /src
# The build settings every project inherits, then the sources (.dockerignore keeps out bin/, obj/,
# node_modules/ and everything the silo does not build from).
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/ src/
# The dashboard's sources: the silo's MSBuild target runs `npm ci` and Vite on them and embeds the bundle.
COPY web/ web/
RUN dotnet restore src/JobHome.Silo/JobHome.Silo.csproj
RUN dotnet publish src/JobHome.Silo -c Release --no-restore -o /app/publish -p:UseAppHost=false

# Runtime stage: the ASP.NET Core 10 runtime only, running as the image's non-root "app" user.
FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION} AS runtime
WORKDIR /app
# Owned by root and not writable by the app user: the root filesystem is read-only in Kubernetes anyway.
COPY --from=build /app/publish ./
ENV ASPNETCORE_HTTP_PORTS= \
    ASPNETCORE_URLS=http://+:8080 \
    DOTNET_CLI_TELEMETRY_OPTOUT=1
# 8080 HTTP (API, /health/live, /health/ready, /metrics, dashboards), 11111 silo-to-silo, 30000 gateway.
EXPOSE 8080 11111 30000
# APP_UID (1654) is defined by the .NET base images; numeric, so Kubernetes can verify runAsNonRoot.
USER $APP_UID
ENTRYPOINT ["dotnet", "JobHome.Silo.dll"]
