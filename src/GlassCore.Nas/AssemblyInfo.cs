// Codec hot paths: stack buffers (the optional-IE order) are always written before they are read, so skip zeroing them.
[module: System.Runtime.CompilerServices.SkipLocalsInit]
