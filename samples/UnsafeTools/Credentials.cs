using System;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using AgentSafety;
using Microsoft.SemanticKernel;

namespace UnsafeTools;

/// <summary>Tools that authenticate with raw, long-lived credentials (AS2001–AS2004).</summary>
public sealed partial class CredentialTools(HttpClient http)
{
    private const string ReportingDatabase = "Server=reports;Database=sales;User Id=agent;Password=Tr0ub4dor&3";

    [KernelFunction, RequiresPermission("issues:read")]
    public string SearchIssues(string query)
    {
        // AS2001: a GitHub token in the source acts for every user with the owner's rights.
        http.DefaultRequestHeaders.Authorization =
            new AuthenticationHeaderValue("Bearer", "ghp_R8x2kLq9ZtW4mVbN7cJ1pYs3dHf6gA0eUo5i");
        return query;
    }

    [KernelFunction, RequiresPermission("weather:read")]
    public string Forecast(string city)
    {
        // AS2002: the application's own key, read inside the tool.
        var key = Environment.GetEnvironmentVariable("OPENWEATHER_API_KEY");
        return city + key?.Length;
    }

    [KernelFunction, RequiresPermission("reports:read")]
    public string SalesReport() => ReportQueries.Run(ReportingDatabase);

    [KernelFunction, RequiresPermission("mail:send")]
    public string Notify(string to)
    {
        // AS2004: a service account's password from the environment.
        var credential = new NetworkCredential("mailer", Environment.GetEnvironmentVariable("SMTP_PASSWORD"));
        return to + credential.UserName;
    }

    [KernelFunction, RequiresPermission("tickets:read")]
    public string Ticket(string id) => JiraClient.Header() + id;
}

internal static class ReportQueries
{
    public static string Run(string connectionString) => connectionString.Length.ToString();
}

internal static class JiraClient
{
    // AS2001, reached from the Ticket tool: a Basic header built from a literal user and password.
    public static AuthenticationHeaderValue Header() =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("jira-bot:Winter-2024!")));
}
