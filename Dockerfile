# Beacon.MockServer: docker build -t beacon-mock . && docker run -p 8080:8080 beacon-mock
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /source
# Restore first, from the project files alone, so code changes reuse the restored layer.
COPY Directory.Build.props Directory.Packages.props ./
COPY src/Beacon.MockServer/Beacon.MockServer.csproj src/Beacon.MockServer/
RUN dotnet restore src/Beacon.MockServer/Beacon.MockServer.csproj
# Restore never reads .editorconfig; the build does (EnforceCodeStyleInBuild), so it comes after.
COPY .editorconfig ./
COPY src/ src/
RUN dotnet publish src/Beacon.MockServer/Beacon.MockServer.csproj -c Release -o /app --no-restore

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
# Root's and executable (mode kept from the repository), run by the app user, which cannot change it.
COPY docker/healthcheck.sh /usr/local/bin/beacon-healthcheck
COPY --from=build /app ./
# Listen on every interface inside the container; the server's own default is localhost only.
ENV ASPNETCORE_HTTP_PORTS=8080
EXPOSE 8080
# The image's built-in unprivileged user.
USER $APP_UID
# Asks /healthz on the HTTP port actually configured (ASPNETCORE_HTTP_PORTS or ASPNETCORE_URLS).
HEALTHCHECK --interval=10s --timeout=3s --start-period=10s --retries=3 \
  CMD ["/usr/local/bin/beacon-healthcheck"]
ENTRYPOINT ["dotnet", "Beacon.MockServer.dll"]
