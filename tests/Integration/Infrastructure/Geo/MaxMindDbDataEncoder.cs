using System.Collections;
using System.Text;

namespace OmniaKey.IntegrationTests.Infrastructure.Geo;

/// <summary>
/// Encodes values in the MaxMind DB data-section format (https://maxmind.github.io/MaxMind-DB/): a control byte with
/// the type in its top three bits and the size in the low five, an extended-type byte for types above 7, then the
/// payload. Supports what country databases hold: strings, unsigned integers, booleans, doubles, maps and arrays.
/// </summary>
public static class MaxMindDbDataEncoder
{
    private const int Utf8String = 2;
    private const int Double = 3;
    private const int UInt16 = 5;
    private const int UInt32 = 6;
    private const int Map = 7;
    private const int Int32 = 8;
    private const int UInt64 = 9;
    private const int Array = 11;
    private const int Boolean = 14;

    public static byte[] Encode(object value)
    {
        using var buffer = new MemoryStream();
        Write(buffer, value);
        return buffer.ToArray();
    }

    public static void Write(Stream output, object value)
    {
        switch (value)
        {
            case string text:
                var bytes = Encoding.UTF8.GetBytes(text);
                WriteControl(output, Utf8String, bytes.Length);
                output.Write(bytes);
                break;
            case ushort number:
                WriteUnsigned(output, UInt16, number);
                break;
            case uint number:
                WriteUnsigned(output, UInt32, number);
                break;
            case ulong number:
                WriteUnsigned(output, UInt64, number);
                break;
            case int number when number >= 0:
                WriteUnsigned(output, Int32, (ulong)number);
                break;
            case bool flag:
                WriteControl(output, Boolean, flag ? 1 : 0);
                break;
            case double number:
                WriteControl(output, Double, 8);
                var raw = BitConverter.DoubleToInt64Bits(number);
                for (var shift = 56; shift >= 0; shift -= 8)
                {
                    output.WriteByte((byte)(raw >> shift));
                }

                break;
            case IEnumerable<KeyValuePair<string, object>> map:
                var pairs = map.ToList();
                WriteControl(output, Map, pairs.Count);
                foreach (var (key, item) in pairs)
                {
                    Write(output, key);
                    Write(output, item);
                }

                break;
            case IEnumerable items:
                var list = items.Cast<object>().ToList();
                WriteControl(output, Array, list.Count);
                foreach (var item in list)
                {
                    Write(output, item);
                }

                break;
            default:
                throw new ArgumentException($"The MaxMind DB writer cannot encode {value.GetType().Name} ({value}).", nameof(value));
        }
    }

    private static void WriteUnsigned(Stream output, int type, ulong number)
    {
        // Unsigned integers take as few big-endian bytes as they need (zero bytes for 0).
        var length = 0;
        for (var rest = number; rest != 0; rest >>= 8)
        {
            length++;
        }

        WriteControl(output, type, length);
        for (var i = length - 1; i >= 0; i--)
        {
            output.WriteByte((byte)(number >> (8 * i)));
        }
    }

    private static void WriteControl(Stream output, int type, int size)
    {
        var typeBits = type > 7 ? 0 : type;
        byte[] sizeBytes;
        int sizeBits;
        if (size < 29)
        {
            (sizeBits, sizeBytes) = (size, []);
        }
        else if (size < 29 + 256)
        {
            (sizeBits, sizeBytes) = (29, [(byte)(size - 29)]);
        }
        else if (size < 285 + 65536)
        {
            var rest = size - 285;
            (sizeBits, sizeBytes) = (30, [(byte)(rest >> 8), (byte)rest]);
        }
        else
        {
            var rest = size - 65821;
            (sizeBits, sizeBytes) = (31, [(byte)(rest >> 16), (byte)(rest >> 8), (byte)rest]);
        }

        output.WriteByte((byte)((typeBits << 5) | sizeBits));
        if (type > 7)
        {
            output.WriteByte((byte)(type - 7));
        }

        output.Write(sizeBytes);
    }
}
