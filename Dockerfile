# Beacon.MockServer: docker build -t beacon-mock . && docker run -p 8080:8080 -p 8443:8443 beacon-mock
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /source
# Restore first, from the project files alone, so code changes reuse the restored layer.
COPY Directory.Build.props Directory.Packages.props ./
COPY src/Beacon.MockServer/Beacon.MockServer.csproj src/Beacon.MockServer/
# ReadyToRun: the server's code and its packages' are compiled to native code here, not by the JIT at each start (the
# framework's own assemblies already are). That needs a runtime identifier: the architecture being built for
# (TARGETARCH, which BuildKit sets), else the build machine's own.
ARG TARGETARCH
RUN arch=${TARGETARCH:-$(dpkg --print-architecture)} \
 && dotnet restore src/Beacon.MockServer/Beacon.MockServer.csproj -a "$arch" -p:PublishReadyToRun=true
# Restore never reads .editorconfig; the build does (EnforceCodeStyleInBuild), so it comes after.
COPY .editorconfig ./
COPY src/ src/
RUN arch=${TARGETARCH:-$(dpkg --print-architecture)} \
 && dotnet publish src/Beacon.MockServer/Beacon.MockServer.csproj -c Release -a "$arch" --self-contained false \
      -p:PublishReadyToRun=true -o /app --no-restore

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
# Where a volume keeps the CA across containers (Beacon__Tls__CaCertificatePath=/ca/ca.pem and
# Beacon__Tls__CaKeyPath=/ca/ca.key, or the key apart in /ca-key so clients can mount /ca without it).
# Owned by the app user so it can write there: a new named volume takes the ownership of the directory it
# is first mounted on. No VOLUME: it would leave an anonymous volume behind every container, used or not.
RUN mkdir -p /ca /ca-key && chown "$APP_UID:$APP_UID" /ca /ca-key && chmod 700 /ca-key
# Root's and executable (mode kept from the repository), run by the app user, which cannot change it.
COPY docker/healthcheck.sh /usr/local/bin/beacon-healthcheck
COPY --from=build /app ./
# Listen on every interface inside the container, plain HTTP and HTTPS (certificates from the mock's own
# CA, issued for whatever name the client asks for); the server's own default is localhost only.
ENV ASPNETCORE_HTTP_PORTS=8080 \
    ASPNETCORE_HTTPS_PORTS=8443
EXPOSE 8080 8443
# The image's built-in unprivileged user.
USER $APP_UID
# Asks /healthz on the HTTP port actually configured (ASPNETCORE_HTTP_PORTS or ASPNETCORE_URLS), never HTTPS.
HEALTHCHECK --interval=10s --timeout=3s --start-period=10s --retries=3 \
  CMD ["/usr/local/bin/beacon-healthcheck"]
ENTRYPOINT ["dotnet", "Beacon.MockServer.dll"]
