using BenchmarkDotNet.Running;
using Broadcast.Bench;

// bench modes:
//   encoder FILE     frames/s of the bare libopus encoder through our binding (prints one number)
//   (anything else)  BenchmarkDotNet micro-benchmarks, e.g. --filter '*Protocol*'
if (args.Length == 2 && args[0] == "encoder")
{
    Console.WriteLine(await EncoderThroughput.MeasureAsync(args[1]).ConfigureAwait(false));
    return 0;
}

BenchmarkSwitcher.FromAssembly(typeof(EncoderThroughput).Assembly).Run(args);
return 0;
