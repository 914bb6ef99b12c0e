package hearth.server.accounts;

/** A short, human description of a browser from its User-Agent, for the list of sessions ("Firefox on Linux"). */
final class Devices {

    private Devices() {
    }

    static String describe(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return "Unknown device";
        }
        String browser = userAgent.contains("Edg/") ? "Edge"
                : userAgent.contains("OPR/") ? "Opera"
                : userAgent.contains("Firefox/") ? "Firefox"
                : userAgent.contains("Chrome/") || userAgent.contains("Chromium/") ? "Chrome"
                : userAgent.contains("Safari/") ? "Safari"
                : userAgent.startsWith("curl/") ? "curl"
                : userAgent.contains("Java-http-client") ? "Java HTTP client"
                : "Unknown browser";
        String system = userAgent.contains("Android") ? "Android"
                : userAgent.contains("iPhone") || userAgent.contains("iPad") ? "iOS"
                : userAgent.contains("Windows") ? "Windows"
                : userAgent.contains("Mac OS X") ? "macOS"
                : userAgent.contains("Linux") ? "Linux"
                : null;
        return system == null ? browser : browser + " on " + system;
    }
}
