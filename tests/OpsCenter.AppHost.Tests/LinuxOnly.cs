// The supervisor tests run /bin/sh children and read /proc: they only make sense on Linux.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
