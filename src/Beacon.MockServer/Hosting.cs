using System.Runtime.CompilerServices;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Beacon.MockServer.Api;
using Beacon.MockServer.Configuration;
using Beacon.MockServer.Features.Auth;
using Beacon.MockServer.Features.Billing;
using Beacon.MockServer.Features.Captures;
using Beacon.MockServer.Features.DataPlane;
using Beacon.MockServer.Features.Egress;
using Beacon.MockServer.Features.Faults;
using Beacon.MockServer.Features.License;
using Beacon.MockServer.Features.Otlp;
using Beacon.MockServer.Features.Tls;
using Beacon.MockServer.Features.Tokens;
using Beacon.MockServer.Features.Unmatched;
using Beacon.MockServer.Features.Upstream;
using Beacon.MockServer.Features.Usage;
using Beacon.MockServer.Http;
using Beacon.MockServer.Pipeline;
using Beacon.MockServer.Store;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using Serilog;
using Serilog.Events;

namespace Beacon.MockServer;

/// <summary>
/// The composition root's services and middleware: the kernel's services, every feature's (each registers its own
/// options, kinds, hooks, JSON context and capture fields), the order of the hooks, and the middleware in order. With
/// <see cref="BeaconMockServer"/>, which maps every feature's routes, the only code that knows the features.
/// </summary>
internal static class Hosting
{
    /// <summary>
    /// The app's builder, with its content root in the app's own folder unless one was given
    /// (<c>--contentRoot</c>, <c>ASPNETCORE_CONTENTROOT</c>): started as <c>dotnet /somewhere/Beacon.MockServer.dll</c>
    /// from another folder, it still reads the appsettings.json beside it.
    /// </summary>
    public static WebApplicationBuilder CreateBuilder(string[] args)
    {
        var given = new ConfigurationBuilder()
            .AddEnvironmentVariables("DOTNET_").AddEnvironmentVariables("ASPNETCORE_").AddCommandLine(args).Build()[HostDefaults.ContentRootKey];
        return WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = given ?? AppContext.BaseDirectory });
    }

    /// <summary>Serves on <paramref name="urls"/> unless a URL or port was configured the usual ASP.NET Core ways.</summary>
    public static void UseDefaultUrl(this WebApplicationBuilder builder, params string[] urls)
    {
        string[] keys = ["urls", "http_ports", "https_ports", "Kestrel:Endpoints"];
        if (keys.All(k => !builder.Configuration.GetSection(k).Exists()))
            builder.WebHost.UseUrls(urls);
    }

    public static void AddBeaconLogging(this WebApplicationBuilder builder) =>
        // Each host keeps its own logger and leaves the static Log.Logger alone: several hosts run in
        // one process in the tests, and a shared static logger would mix (and lose) their events.
        builder.Services.AddSerilog((services, logger) =>
        {
            // Defaults that the Serilog section overrides: ASP.NET Core's own chatter at Warning, and the
            // console, so that a server started without its appsettings.json still says what it does.
            logger.MinimumLevel.Information();
            if (!builder.Configuration.GetSection("Serilog:WriteTo").Exists())
                logger.WriteTo.Console();
            if (SerilogSettings.Read(builder.Configuration) is { } settings)
                settings.ApplyTo(logger, LoggingDefaults);
            else
                ReadSerilogSection(logger.MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning), builder.Configuration);
            logger.ReadFrom.Services(services)
                .Enrich.FromLogContext()
                .Enrich.With<LicensePathMasking>()
                .Enrich.With<RequestPathMasking>()
                .Filter.ByExcluding(e => StartupFailure.Explains(e.Exception));
        }, preserveStaticLogger: true);

    /// <summary>The levels a <c>Serilog:MinimumLevel:Override</c> replaces.</summary>
    private static readonly Dictionary<string, LogEventLevel> LoggingDefaults = new() { ["Microsoft.AspNetCore"] = LogEventLevel.Warning };

    /// <summary>
    /// Serilog's configuration reader, for a section that says more than <see cref="SerilogSettings"/> reads. Apart, so
    /// that its assembly (and the dozen it searches for sinks) is loaded only when it is called.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ReadSerilogSection(LoggerConfiguration logger, IConfiguration configuration) => logger.ReadFrom.Configuration(configuration);

    public static IServiceCollection AddBeaconMock(this IServiceCollection services)
    {
        // The kernel: settings, the clock, the store, the JSON it writes (captures with the fields features add).
        services.AddBeaconOptions<BeaconOptions>(BeaconOptions.Section);
        services.AddSingleton<IValidateOptions<BeaconOptions>, BeaconOptionsValidator>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<CaptureStore>();
        services.AddSingleton<CapturedHeaders>();
        services.AddSingleton<RouteDirectory>();
        services.AddJsonContext(ApiJson.Default);
        services.Configure<KestrelServerOptions>(kestrel => RequestLimits.Configure(kestrel.Limits));
        // First in the chain, after every feature's context: a feature's list of captures writes them with these fields too.
        services.AddOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>().PostConfigure<IEnumerable<CaptureField>>((o, fields) =>
            o.SerializerOptions.TypeInfoResolverChain.Insert(0, KernelJson.Default.WithAddedModifier(CaptureFields.Writer(fields))));
        // Once it listens: which addresses serve HTTP and HTTPS, and whether pass-through is on.
        services.AddHostedService<StartupReport>();
        services.ConfigureHttpJsonOptions(o =>
        {
            // The web defaults read numbers from strings, and the OpenAPI schemas would say so.
            o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
        });

        // The features: each registers its options, state, hooks, policy, capture kinds and fields, and JSON context.
        services.AddLicenses().AddTokens().AddBilling().AddUsage().AddAuth().AddOtlp().AddFaults().AddDataPlane().AddUpstream().AddTls()
            .AddCaptures().AddUnmatched().AddEgress();

        // The one statement of the order the wire hooks are asked in: a request a data plane cannot prove it sent is
        // refused before anything else; a faulted request is never passed through.
        services.AddSingleton(new WireHookOrder([DataPlaneAuth.HookName, FaultHook.HookName, UpstreamHook.HookName]));

        // CORS is off unless Beacon:Cors:Origins names some: without a default policy the middleware does nothing.
        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<IOptions<BeaconOptions>>((cors, beacon) =>
        {
            if (beacon.Value.Cors.Origins is not { Count: > 0 } origins)
                return;
            cors.AddDefaultPolicy(policy =>
            {
                if (origins.Contains("*"))
                    policy.AllowAnyOrigin();
                else
                    policy.WithOrigins([.. origins]);
                policy.AllowAnyHeader().AllowAnyMethod().WithExposedHeaders("Location", "Retry-After", "WWW-Authenticate");
            });
        });
        services.AddProblemDetails();
        services.AddExceptionHandler<BadRequestHandler>();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddOpenApi(o =>
        {
            o.AddSchemaTransformer(KindSchemas.Describe);
            o.AddSchemaTransformer(JsonSchemas.NumbersAsStrings);
            o.AddOperationTransformer(MockParameters.Describe);
            o.AddDocumentTransformer(OpenApiDocumentRules.Describe);
            o.AddDocumentTransformer(OpenApiDocumentRules.AdminToken);
            o.AddDocumentTransformer(OpenApiDocumentRules.UniqueOperationIds);
            o.AddDocumentTransformer(CaptureSchemas.TransformAsync);
            o.AddDocumentTransformer(OpenApiDocumentRules.NullOrAnything);
            o.AddDocumentTransformer(Tags.Order);
            o.AddDocumentTransformer(OpenApiDocumentRules.RemoveUnused);
        });
        return services;
    }

    public static WebApplication UseBeaconPipeline(this WebApplication app)
    {
        // Request logging goes outside the exception handler, so it logs the status the client got.
        // Without an explicit logger, it would write to the static Log.Logger.
        app.UseSerilogRequestLogging(o =>
        {
            o.Logger = app.Services.GetRequiredService<Serilog.ILogger>();
            // A container's health probe asks every few seconds: its line would drown the requests that matter.
            o.GetLevel = (context, _, exception) =>
                exception is not null || context.Response.StatusCode >= 500 ? LogEventLevel.Error
                : context.Request.Path.Equals("/healthz", StringComparison.OrdinalIgnoreCase) ? LogEventLevel.Debug
                : LogEventLevel.Information;
        });
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        // Before the admin token: a browser's preflight never carries one.
        app.UseCors();
        app.UseNamespacePrefix();
        app.UseMiddleware<AdminToken>();
        app.UseRouting();
        app.UseNamespaceGuard();
        app.UseRequestLimits();
        app.UseMiddleware<StrictQuery>();
        app.UseMiddleware<WirePipeline>();

        app.MapOpenApiDocument();
        // Swagger UI's middleware (its options, its embedded files) is built on the first request under /swagger.
        app.UseOnFirstRequest("/swagger", UseSwaggerUI);
        return app;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void UseSwaggerUI(IApplicationBuilder app) => app.UseSwaggerUI(o =>
    {
        o.SwaggerEndpoint(OpenApiDocumentEndpoint.Path, "Beacon.MockServer");
        o.RoutePrefix = "swagger";
    });

    /// <summary>
    /// Middleware at this point of the pipeline for the requests under <paramref name="prefix"/>, built by
    /// <paramref name="use"/> when the first of them arrives rather than at start: what the server does not need
    /// until asked is neither loaded nor compiled before it listens. A request it does not answer goes on as before.
    /// </summary>
    private static void UseOnFirstRequest(this WebApplication app, PathString prefix, Action<IApplicationBuilder> use) =>
        app.Use(next =>
        {
            var branch = new Lazy<RequestDelegate>(() =>
            {
                var builder = ((IApplicationBuilder)app).New();
                use(builder);
                builder.Run(next);
                return builder.Build();
            });
            return context => context.Request.Path.StartsWithSegments(prefix) ? branch.Value(context) : next(context);
        });
}
