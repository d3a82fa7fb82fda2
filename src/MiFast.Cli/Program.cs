using MiFast.Cli;

#if DEBUG
Console.Error.WriteLine("mifast: warning: this is a Debug build; use -c Release for real work.");
#endif
return MiFastCommand.Run(args, Console.Out, Console.Error);
