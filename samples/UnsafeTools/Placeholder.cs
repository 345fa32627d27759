namespace UnsafeTools;
