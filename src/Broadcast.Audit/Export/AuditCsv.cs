using System.Globalization;
using System.Text;
using Broadcast.Audit.Time;

namespace Broadcast.Audit.Export;

/// <summary>
/// The CSV export (RFC 4180): a header row, CRLF line ends, fields quoted when they hold a comma, quote, CR or LF,
/// quotes doubled. UTF-8 with a byte-order mark, without which Excel reads Vietnamese as Windows-1252 mojibake. Times
/// are wall-clock Asia/Ho_Chi_Minh with their offset, as officials read them.
/// </summary>
public static class AuditCsv
{
    /// <summary>The header row, without its line end.</summary>
    public const string Header = "sequence,at,actor,action,subject,result,targets,communes,detail";

    /// <summary>The MIME type served for the export.</summary>
    public const string ContentType = "text/csv; charset=utf-8";

    /// <summary>Joins the items of the targets and communes columns.</summary>
    public const string ListSeparator = "; ";

    private const string LineEnd = "\r\n";

    /// <summary>One entry as a CSV row, without its line end.</summary>
    public static string FormatRow(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var at = DistrictTime.ToLocal(entry.At).ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffzzz", CultureInfo.InvariantCulture);
        return string.Join(',',
            entry.Sequence.ToString(CultureInfo.InvariantCulture),
            Field(at),
            Field(entry.Actor),
            Field(entry.Action),
            Field(entry.Subject),
            Field(entry.Result),
            Field(string.Join(ListSeparator, entry.Targets)),
            Field(string.Join(ListSeparator, entry.Communes)),
            Field(entry.Detail ?? string.Empty));
    }

    /// <summary>
    /// One field, made safe for a spreadsheet: a value starting with <c>= + - @</c> (or a tab or CR, which some
    /// spreadsheets skip before reading a formula) gets a leading <c>'</c> so it shows as text instead of running as a
    /// formula (CSV injection: a programme titled <c>=HYPERLINK(...)</c> must not become a live link in an official's
    /// Excel). Then quoted if needed.
    /// </summary>
    public static string Field(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0
            ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : value;
    }

    /// <summary>Writes the byte-order mark, the header and one row per entry to <paramref name="output"/> (left open).</summary>
    public static async Task<long> WriteAsync(Stream output, IEnumerable<AuditEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(entries);
        await output.WriteAsync(Encoding.UTF8.Preamble.ToArray(), cancellationToken).ConfigureAwait(false);
        var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 16 * 1024, leaveOpen: true);
        await using (writer.ConfigureAwait(false))
        {
            await writer.WriteAsync(Header + LineEnd).ConfigureAwait(false);
            long rows = 0;
            foreach (var entry in entries)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await writer.WriteAsync(FormatRow(entry) + LineEnd).ConfigureAwait(false);
                rows++;
            }

            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            return rows;
        }
    }
}
