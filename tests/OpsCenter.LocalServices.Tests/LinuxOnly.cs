// These tests start Debian's server packages and read /proc: they only make sense on Linux.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
