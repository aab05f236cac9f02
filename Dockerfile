# Beacon.MockServer: docker build -t beacon-mock . && docker run -p 8080:8080 beacon-mock
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /source
# Restore first, from the project files alone, so code changes reuse the restored layer.
COPY Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/Beacon.MockServer/Beacon.MockServer.csproj src/Beacon.MockServer/
RUN dotnet restore src/Beacon.MockServer/Beacon.MockServer.csproj
COPY src/ src/
RUN dotnet publish src/Beacon.MockServer/Beacon.MockServer.csproj -c Release -o /app --no-restore

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
# Listen on every interface inside the container; the server's own default is localhost only.
ENV ASPNETCORE_HTTP_PORTS=8080
EXPOSE 8080
# The image's built-in unprivileged user.
USER $APP_UID
# The runtime image has no curl; bash's /dev/tcp is enough to ask /healthz.
HEALTHCHECK --interval=10s --timeout=3s --start-period=10s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /healthz HTTP/1.0\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["dotnet", "Beacon.MockServer.dll"]
