using Beacon.MockServer.Capture;
using Beacon.MockServer.Configuration;
using Beacon.MockServer.Features.Billing;
using Beacon.MockServer.Features.License;
using Beacon.MockServer.Features.Tokens;
using Microsoft.Extensions.Options;
using Serilog;

namespace Beacon.MockServer;

/// <summary>The server's services and middleware, in the order Program.cs reads them.</summary>
public static class Hosting
{
    /// <summary>Serves on <paramref name="url"/> unless a URL or port was configured the usual ASP.NET Core ways.</summary>
    public static void UseDefaultUrl(this WebApplicationBuilder builder, string url)
    {
        string[] keys = ["urls", "http_ports", "https_ports", "Kestrel:Endpoints"];
        if (keys.All(k => !builder.Configuration.GetSection(k).Exists()))
            builder.WebHost.UseUrls(url);
    }

    public static void AddBeaconLogging(this WebApplicationBuilder builder) =>
        // No global bootstrap logger: it breaks running several hosts in one process (the tests do).
        builder.Services.AddSerilog((services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(services)
            .Enrich.FromLogContext());

    public static IServiceCollection AddBeaconMock(this IServiceCollection services)
    {
        services.AddOptions<BeaconOptions>().BindConfiguration(BeaconOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<BeaconOptions>, BeaconOptionsValidator>();
        services.AddSingleton(TimeProvider.System);

        services.AddSingleton<CaptureStore>();
        services.AddSingleton<LicenseRegistry>();
        services.AddSingleton<SigningKeys>();
        services.AddSingleton<TokenIssuer>();
        services.AddSingleton<BillingLedger>();

        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, CaptureJson.Default));
        services.AddProblemDetails();
        services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Beacon.MockServer";
            document.Info.Description = "A test double of LangChain's Beacon service: its wire endpoints, and the mock's own API under /mock.";
            return Task.CompletedTask;
        }));
        return services;
    }

    public static WebApplication UseBeaconPipeline(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseSerilogRequestLogging();
        app.UseMiddleware<CaptureMiddleware>();

        app.MapOpenApi();
        app.UseSwaggerUI(o =>
        {
            o.SwaggerEndpoint("/openapi/v1.json", "Beacon.MockServer");
            o.RoutePrefix = "swagger";
        });
        return app;
    }
}
