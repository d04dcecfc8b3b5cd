using System.Diagnostics;

namespace MyAccount.Tests.EInvoicing;

/// <summary>
/// Runs the official EN 16931 validation artefacts (CEN/TC 434 Schematron as XSLT, through <c>../shared/einvoicing/validate.sh</c>)
/// over e-invoices the code produced, and returns what the script printed with its exit code.
/// </summary>
public static class EInvoiceValidator
{
    public static string Script
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "MyAccount.sln")))
            {
                directory = directory.Parent;
            }

            return Path.Combine(directory?.Parent?.FullName ?? throw new InvalidOperationException("MyAccount.sln not found above the test binaries."),
                "shared", "einvoicing", "validate.sh");
        }
    }

    /// <summary>Writes each file to a temp folder under its name and validates them all in one run of the script.</summary>
    public static async Task<(int ExitCode, string Output)> ValidateAsync(string syntax, IReadOnlyDictionary<string, byte[]> files)
    {
        var folder = Directory.CreateTempSubdirectory("einvoices-").FullName;
        try
        {
            var paths = new List<string>();
            foreach (var (name, content) in files)
            {
                var path = Path.Combine(folder, name);
                await File.WriteAllBytesAsync(path, content);
                paths.Add(path);
            }

            var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(Script);
            start.ArgumentList.Add(syntax);
            foreach (var path in paths)
            {
                start.ArgumentList.Add(path);
            }

            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return (process.ExitCode, await output + await error);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
