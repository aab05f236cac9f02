using Microsoft.AspNetCore.Diagnostics;

namespace Beacon.MockServer.Http;

/// <summary>
/// Turns a parameter that fails to bind (<c>limit=ten</c>) into a 400 problem that says which one,
/// where minimal APIs would otherwise answer a bare 400.
/// </summary>
internal sealed class BadRequestHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
            return false;
        context.Response.StatusCode = bad.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = { Status = bad.StatusCode, Title = "The request is not valid.", Detail = bad.Message },
        });
    }
}
