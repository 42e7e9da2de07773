// Placeholder: the real Deno round-trip smoke test replaces this file.
console.log("deno ok");
