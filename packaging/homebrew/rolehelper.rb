# Homebrew formula for rolehelper. packaging/README.md says how a release fills in url and
# sha256; `ruby -c` checks this file in the test suite.
class Rolehelper < Formula
  desc "AWS role-credential helper for credential_process, with an encrypted cache"
  homepage "https://github.com/rolehelper/rolehelper"
  url "https://github.com/rolehelper/rolehelper/archive/refs/tags/v0.1.0.tar.gz"
  sha256 "0000000000000000000000000000000000000000000000000000000000000000"
  license "MIT"

  depends_on "cmake" => :build
  depends_on "cxxopts" => :build
  depends_on "nlohmann-json" => :build
  depends_on "curl"
  depends_on "openssl@3"
  depends_on "pugixml"

  def install
    args = %W[
      -DROLEHELPER_BUILD_TESTS=OFF
      -DROLEHELPER_STATIC_LINK=OFF
      -DROLEHELPER_LIBCURL=#{Formula["curl"].opt_lib}/#{shared_library("libcurl", 4)}
    ]
    system "cmake", "-S", ".", "-B", "build", *args, *std_cmake_args
    system "cmake", "--build", "build"
    system "cmake", "--install", "build"
  end

  test do
    # No network: add-profile writes the config file, policy prints a document.
    ENV["HOME"] = testpath
    system bin/"rolehelper", "add-profile", "ghijk",
           "--role-arn", "arn:aws:iam::123456789012:role/Ghijk",
           "--source-profile", "default", "--region", "us-east-1"
    assert_match "credential_process = rolehelper get ghijk", (testpath/".aws/config").read
    assert_match "ghijk", shell_output("#{bin}/rolehelper list")
    trust = shell_output("#{bin}/rolehelper policy trust " \
                         "--principal arn:aws:iam::123456789012:user/Abcde")
    assert_equal "2012-10-17", JSON.parse(trust)["Version"]
    assert_match version.to_s, shell_output("#{bin}/rolehelper --version")
  end
end
