using System.Text;
using Broadcast.Cli.Output;

namespace Broadcast.Cli.Commands;

/// <summary>Reads secrets from the terminal without echo, or from an environment variable for scripts.</summary>
internal static class PasswordPrompt
{
    public const string PasswordVariable = "BCAST_PASSWORD";
    public const string NewPasswordVariable = "BCAST_NEW_PASSWORD";

    public static bool Interactive => !Console.IsInputRedirected;

    /// <summary>The variable's value when set, otherwise a prompt; without a terminal and without the variable, a usage error.</summary>
    public static string Read(string prompt, string variable)
    {
        if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } fromEnvironment)
        {
            return fromEnvironment;
        }

        if (!Interactive)
        {
            throw new UsageException($"no terminal to ask for the password: set {variable} for scripts");
        }

        Console.Error.Write(prompt);
        var text = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                Console.Error.WriteLine();
                return text.ToString();
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                if (text.Length > 0)
                {
                    text.Length--;
                }
            }
            else if (!char.IsControl(key.KeyChar))
            {
                text.Append(key.KeyChar);
            }
        }
    }

    /// <summary>A plain (echoed) line, for a user name.</summary>
    public static string ReadLine(string prompt)
    {
        if (!Interactive)
        {
            throw new UsageException("no terminal to ask for the user: pass --user");
        }

        Console.Error.Write(prompt);
        return Console.ReadLine()?.Trim() ?? string.Empty;
    }
}
