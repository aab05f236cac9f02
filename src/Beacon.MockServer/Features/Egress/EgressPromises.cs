namespace Beacon.MockServer.Features.Egress;

/// <summary>A promise the pages make about egress, as the audit checks it: what it says, what is checked, what cannot be.</summary>
/// <param name="Index">Its place in <see cref="EgressPromises.All"/>, and in each state's tallies.</param>
/// <param name="Quote">The pages' own words.</param>
internal sealed record EgressPromise(int Index, string Id, string Title, string Quote, string Checks, string CannotCheck);

/// <summary>The promises, in the order the report lists them.</summary>
internal static class EgressPromises
{
    public static readonly EgressPromise DocumentedEndpoints = new(0, "documented-endpoints",
        "Only the documented endpoints are called",
        "LangSmith requires egress to https://beacon.langchain.com for the following: billing telemetry, operational telemetry, usage telemetry (page 001; page 003 adds API-key verification and usage reporting).",
        "Each request's method and path is one the pages document, or a variant a real client uses (POST /v1/beacon/metadata/submit beside "
        + "/v1/metadata/submit, GET /auth beside POST /auth); requests no route serves count too.",
        "Only what reaches this mock: calls to other hosts, or to Beacon by another way (a hard-coded address, another proxy), are not seen.");

    public static readonly EgressPromise DocumentedFields = new(1, "documented-fields",
        "Billing, usage and metadata bodies carry only documented fields",
        "What we collect: license key validation requests; aggregated usage counts; organization and workspace identifiers (page 001).",
        "Every field path of a verify, ingest-traces, usage-snapshot and metadata body is one the pages' samples show (documented-egress.json lists "
        + "each, with its page); the first undocumented path of a branch is reported, not each field under it.",
        "Whether a documented field holds what its name says (an organization_id that is really a person's id). OTLP exports are inventoried, "
        + "names marked documented or not, but not held to a list: the pages' samples are examples, not a schema.");

    public static readonly EgressPromise NoPersonalData = new(2, "no-personal-data",
        "No personal data in any form",
        "We do not collect PII (personally identifiable information) in any form (page 001).",
        "Every value (payload fields and keys, attribute values, span and event names, status messages, log bodies, headers other than "
        + "credentials, the path and the query) is searched for e-mail addresses, phone numbers (a '+' and 8 to 15 digits, or the 3-3-4 "
        + "shape), IP addresses (loopback and unspecified ones aside), payment card numbers (prefix, length and the Luhn check), JWTs, bearer "
        + "tokens, well-known API key shapes, and the patterns of Beacon:Egress:Patterns.",
        "Personal data no pattern recognises: a name, a postal address, free text about a person, an identifier that points at a person only "
        + "inside the customer's systems, or data encoded (base64, hashed). A pass means none of these shapes was found, not that none was sent.");

    public static readonly EgressPromise LogsWarningOrAbove = new(3, "logs-warning-or-above",
        "Exported log records are warnings or errors",
        "Log messages: Warning and error log messages only (page 001, What we collect).",
        "Every exported log record's severityNumber is at least Beacon:Egress:MinLogSeverity (13, WARN, by default); a record without one counts as below it.",
        "Whether a warning's text carries sensitive application data (\"we do not capture log messages that could contain sensitive application "
        + "data\"): no-personal-data searches it for shapes, but cannot judge it.");

    public static readonly EgressPromise UsageCountsOnly = new(4, "usage-counts-only",
        "Usage snapshots are aggregated counts only",
        "All metrics are aggregated counts only. No individual resource data, identifiers, or usage patterns are collected (page 001, Usage telemetry).",
        "Every measure of a usage snapshot is a non-negative integer, written as a JSON integer (no sign, fraction or exponent), and measures is an object of them.",
        "Whether a count is aggregated (a count of one is still a count); identifiers elsewhere in the body are documented-fields' and no-personal-data's to find.");

    public static readonly EgressPromise LicenseKeyConfined = new(5, "license-key-confined",
        "License and API keys stay in their credential fields",
        "Self-hosted LangSmith instances store all information locally and never send sensitive information outside of your network (page 001).",
        "A license or API key a request carried as its credential (a license route's own field, or the X-Langchain-License-Key or X-Api-Key "
        + "header) appears nowhere else: no other field, attribute, span or event name, log body, path, query or header. Keys shorter than "
        + "8 characters are not tracked.",
        "A key that appears elsewhere before the deployment first sends it as a credential, and a key cut, encoded or hashed.");

    public static readonly EgressPromise OptOutsHonoured = new(6, "opt-outs-honoured",
        "Telemetry switched off stays off",
        "You can disable operational telemetry (config.telemetry.logs, metrics, traces: false) ... You can disable usage telemetry "
        + "(PHONE_HOME_USAGE_REPORTING_ENABLED: false) (page 001).",
        "No capture arrives of a kind Beacon:Egress:Disabled declares switched off: logs, metrics or traces for config.telemetry, usage-snapshot "
        + "for PHONE_HOME_USAGE_REPORTING_ENABLED.",
        "The deployment's own settings: the mock cannot read them, and checks what the operator declares. Telemetry sent elsewhere is not seen.");

    public static readonly IReadOnlyList<EgressPromise> All =
        [DocumentedEndpoints, DocumentedFields, NoPersonalData, LogsWarningOrAbove, UsageCountsOnly, LicenseKeyConfined, OptOutsHonoured];

    /// <summary>What the pages promise that no recorder of the deployment's traffic can check, in their words.</summary>
    public static readonly IReadOnlyList<string> Unverifiable =
    [
        "\"LangChain will not store any sensitive information in billing or operational telemetry\": what Beacon stores happens after the traffic, on LangChain's side.",
        "\"Any data collected will not be shared with a third party\": the same.",
        "\"All telemetry data is associated with an organization and deployment, but never identified with individual users\": how Beacon joins what it receives is not in the traffic.",
        "\"Self-hosted LangSmith instances store all information locally\": what a deployment keeps, or sends to hosts other than Beacon, does not reach this mock.",
        "\"Billing telemetry cannot be disabled\" and \"Operational telemetry is separate from billing telemetry\": a recorder sees what arrives, not the settings that made it.",
    ];

    /// <summary>The pages disagree on the log threshold: said in the report beside logs-warning-or-above.</summary>
    public const string LogThresholdNote =
        "The pages disagree with themselves: \"What we collect\" says \"Warning and error log messages only\" (WARN, 13), and the sample it shows "
        + "sends a Warning; \"Operational log messages\" says \"We only export error log messages\" and \"Our commitment\" says \"Log messages are "
        + "filtered to only include error severity levels\" (ERROR, 17). This audit holds records to {0}; set Beacon:Egress:MinLogSeverity to 17 "
        + "to hold a deployment to the stricter sentences.";
}
