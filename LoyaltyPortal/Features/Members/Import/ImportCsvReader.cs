using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.Extensions.Localization;

namespace LoyaltyPortal.Features.Members.Import;

/// <summary>A problem with the file as a whole (not one row): nothing in it is imported.</summary>
public sealed class ImportFileException(string message) : Exception(message);

/// <summary>One data row as read: its row number in the file (the header is row 1) and its cells, trimmed.</summary>
public sealed record CsvRow(long RowNumber, string[] Cells, string? Problem);

/// <summary>
/// Reads an uploaded CSV with hard bounds, so a hostile or broken file costs bounded memory and gives one clear
/// message: strict UTF-8 (a file saved as Latin-1 is refused, not imported with mangled names), at most
/// <see cref="MaxLineChars"/> characters a line, <see cref="MaxFieldChars"/> a cell and <see cref="MaxColumns"/> columns.
/// A stray quote spoils only its own row.
/// </summary>
public sealed class ImportCsvReader : IDisposable
{
    public const int MaxLineChars = 64 * 1024;
    public const int MaxFieldChars = 4_000;
    public const int MaxColumns = 100;

    private readonly IStringLocalizer<ImportText> text;
    private readonly FileStream file;
    private readonly CsvParser parser;
    private bool badData;

    public ImportCsvReader(string path, IStringLocalizer<ImportText> text)
    {
        this.text = text;
        file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        var content = new StreamReader(file, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true, 1 << 16);
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            MaxFieldSize = MaxFieldChars,
            TrimOptions = TrimOptions.Trim,
            BadDataFound = _ => badData = true,
            CountBytes = false,
        };
        parser = new CsvParser(new LineBoundReader(content), config);
    }

    public long Length => file.Length;

    /// <summary>How far through the file the reader is, for a progress bar.</summary>
    public long Position => file.Position;

    /// <summary>The header row's cells.</summary>
    public IReadOnlyList<string> ReadHeader()
    {
        if (Next() is not { } header) throw new ImportFileException(text["The file is empty. Choose a CSV file with a header row and one row per member."]);
        if (header.Cells.All(string.IsNullOrWhiteSpace)) throw new ImportFileException(text["The first row is empty; it should name the columns."]);
        return header.Cells;
    }

    /// <summary>The next data row, or null at the end. Throws <see cref="ImportFileException"/> when the file cannot be read on.</summary>
    public CsvRow? Next()
    {
        try
        {
            badData = false;
            if (!parser.Read()) return null;
            var row = parser.Row;
            if (parser.Count > MaxColumns) throw new ImportFileException(text["Row {0:N0} has {1:N0} columns; a member file has at most {2}.", row, parser.Count, MaxColumns]);
            return new CsvRow(row, parser.Record ?? [], badData ? text["The row has a quote in the wrong place; quote the whole cell, as in \"Smith, Jo\"."].Value : null);
        }
        catch (DecoderFallbackException)
        {
            throw new ImportFileException(
                text["The file is not UTF-8 text (near row {0:N0}). In Excel, save it as \"CSV UTF-8 (Comma delimited)\" and upload it again.", parser.Row]);
        }
        catch (MaxFieldSizeException)
        {
            throw new ImportFileException(text["Row {0:N0} has a cell longer than {1:N0} characters; is this the right file?", parser.Row, MaxFieldChars]);
        }
        catch (LineTooLongException)
        {
            throw new ImportFileException(text["Row {0:N0} is longer than {1:N0} KB; is this the right file?", parser.Row, MaxLineChars / 1024]);
        }
    }

    public void Dispose()
    {
        parser.Dispose();
        file.Dispose();
    }

    private sealed class LineTooLongException : Exception;

    /// <summary>Fails as soon as a line runs past <see cref="MaxLineChars"/>, before the parser buffers it whole.</summary>
    private sealed class LineBoundReader(TextReader inner) : TextReader
    {
        private int lineLength;

        public override int Peek() => inner.Peek();

        public override int Read()
        {
            var c = inner.Read();
            if (c >= 0) Count(new ReadOnlySpan<char>([(char)c]));
            return c;
        }

        public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

        public override int Read(Span<char> buffer)
        {
            var read = inner.Read(buffer);
            Count(buffer[..read]);
            return read;
        }

        private void Count(ReadOnlySpan<char> chars)
        {
            while (true)
            {
                var newline = chars.IndexOf('\n');
                if (newline < 0) break;
                if (lineLength + newline > MaxLineChars) throw new LineTooLongException();
                lineLength = 0;
                chars = chars[(newline + 1)..];
            }
            lineLength += chars.Length;
            if (lineLength > MaxLineChars) throw new LineTooLongException();
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
