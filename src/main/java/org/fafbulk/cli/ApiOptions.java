package org.fafbulk.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.fafbulk.FafException;
import org.fafbulk.api.ClientCredentialsTokenProvider;
import org.fafbulk.api.FafApiClient;
import org.fafbulk.api.RetryPolicy;
import org.fafbulk.api.TokenProvider;
import picocli.CommandLine.Option;

/** Where the FAF API is and how to authenticate, from options or environment variables. */
final class ApiOptions {
  static final String DEFAULT_TOKEN_URL = "https://hydra.faforever.com/oauth2/token";

  @Option(
      names = "--api-url",
      paramLabel = "URL",
      description = "FAF API base URL (env FAF_API_URL; default " + FafApiClient.DEFAULT_URL + ").")
  String apiUrl;

  @Option(
      names = "--token",
      paramLabel = "TOKEN",
      description = "Bearer token for the FAF API (env FAF_API_TOKEN; prefer the variable).")
  String token;

  @Option(
      names = "--token-url",
      paramLabel = "URL",
      description =
          "OAuth2 token URL for FAF_CLIENT_ID/FAF_CLIENT_SECRET (env FAF_TOKEN_URL; default "
              + DEFAULT_TOKEN_URL
              + ").")
  String tokenUrl;

  HttpUrl apiUrl(Map<String, String> env) {
    return parse(
        "--api-url", first(apiUrl, env.get("FAF_API_URL")).orElse(FafApiClient.DEFAULT_URL));
  }

  TokenProvider tokens(Map<String, String> env, OkHttpClient http, ObjectMapper json) {
    Optional<String> bearer = first(token, env.get("FAF_API_TOKEN"));
    if (bearer.isPresent()) {
      return TokenProvider.fixed(bearer.get());
    }
    Optional<String> id = first(null, env.get("FAF_CLIENT_ID"));
    Optional<String> secret = first(null, env.get("FAF_CLIENT_SECRET"));
    if (id.isPresent() != secret.isPresent()) {
      throw FafException.usage("set both FAF_CLIENT_ID and FAF_CLIENT_SECRET, or neither");
    }
    if (id.isEmpty()) {
      return TokenProvider.none();
    }
    HttpUrl url =
        parse("--token-url", first(tokenUrl, env.get("FAF_TOKEN_URL")).orElse(DEFAULT_TOKEN_URL));
    return new ClientCredentialsTokenProvider(
        http, json, url, id.get(), secret.get(), "public_profile", Clock.systemUTC());
  }

  FafApiClient client(
      Map<String, String> env, OkHttpClient http, ObjectMapper json, RetryPolicy retry) {
    return new FafApiClient(http, json, apiUrl(env), tokens(env, http, json), retry);
  }

  private static Optional<String> first(String option, String variable) {
    if (option != null && !option.isBlank()) {
      return Optional.of(option);
    }
    return variable == null || variable.isBlank() ? Optional.empty() : Optional.of(variable);
  }

  static HttpUrl parse(String option, String url) {
    HttpUrl parsed = HttpUrl.parse(url);
    if (parsed == null) {
      throw FafException.usage(option + ": '" + url + "' is not an http or https URL");
    }
    return parsed;
  }
}
