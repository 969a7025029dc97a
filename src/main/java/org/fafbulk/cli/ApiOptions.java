package org.fafbulk.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.fafbulk.FafException;
import org.fafbulk.api.ClientCredentialsTokenProvider;
import org.fafbulk.api.FafApiClient;
import org.fafbulk.api.TokenProvider;
import org.fafbulk.http.RetryPolicy;
import picocli.CommandLine.Option;

/**
 * Where the FAF API is and how to authenticate: each credential from its option, else its
 * environment variable, else the credentials file.
 */
final class ApiOptions {
  static final String DEFAULT_TOKEN_URL = "https://hydra.faforever.com/oauth2/token";
  static final String DEFAULT_CREDENTIALS = ".faf/credentials.yaml";

  @Option(
      names = "--api-url",
      paramLabel = "URL",
      description = "FAF API base URL (env FAF_API_URL; default " + FafApiClient.DEFAULT_URL + ").")
  String apiUrl;

  @Option(
      names = "--token",
      paramLabel = "TOKEN",
      description =
          "Bearer token for the FAF API (env FAF_API_TOKEN, or token in the credentials file;"
              + " prefer those: other users can see command lines).")
  String token;

  @Option(
      names = "--client-id",
      paramLabel = "ID",
      description =
          "OAuth2 client id for the client-credentials grant (env FAF_CLIENT_ID, or client_id in"
              + " the credentials file).")
  String clientId;

  @Option(
      names = "--client-secret",
      paramLabel = "SECRET",
      description =
          "OAuth2 client secret (env FAF_CLIENT_SECRET, or client_secret in the credentials file;"
              + " prefer those: other users can see command lines).")
  String clientSecret;

  @Option(
      names = "--auth-config",
      paramLabel = "FILE",
      description =
          "Credentials file with client_id and client_secret, or token, as 'key: value' lines;"
              + " must be chmod 600 (default ~/"
              + DEFAULT_CREDENTIALS
              + " when it exists).")
  Path authConfig;

  @Option(
      names = "--token-url",
      paramLabel = "URL",
      description =
          "OAuth2 token URL for the client-credentials grant (env FAF_TOKEN_URL; default "
              + DEFAULT_TOKEN_URL
              + ").")
  String tokenUrl;

  HttpUrl apiUrl(Map<String, String> env) {
    return parse(
        "--api-url", first(apiUrl, env.get("FAF_API_URL")).orElse(FafApiClient.DEFAULT_URL));
  }

  /**
   * The credentials, each from the first of option, environment and file. A token wins over client
   * credentials given at the same level or below it.
   */
  TokenProvider tokens(Map<String, String> env, OkHttpClient http, ObjectMapper json) {
    Level bearer = Level.of(token, env.get("FAF_API_TOKEN"));
    Level id = Level.of(clientId, env.get("FAF_CLIENT_ID"));
    Level secret = Level.of(clientSecret, env.get("FAF_CLIENT_SECRET"));
    boolean fromFlagsOrEnv = bearer.found() || (id.found() && secret.found());
    Optional<CredentialsFile> file = credentialsFile(env, fromFlagsOrEnv);
    if (file.isPresent()) {
      bearer = bearer.orFile(file.get().get("token"));
      id = id.orFile(file.get().get("client_id"));
      secret = secret.orFile(file.get().get("client_secret"));
    }
    if (id.found() != secret.found()) {
      throw FafException.usage(
          "give both the client id and the client secret (--client-id/--client-secret,"
              + " FAF_CLIENT_ID/FAF_CLIENT_SECRET or the credentials file), or neither");
    }
    if (bearer.found() && (!id.found() || bearer.rank <= Math.max(id.rank, secret.rank))) {
      return TokenProvider.fixed(bearer.value.get());
    }
    if (!id.found()) {
      return TokenProvider.none();
    }
    HttpUrl url =
        parse("--token-url", first(tokenUrl, env.get("FAF_TOKEN_URL")).orElse(DEFAULT_TOKEN_URL));
    return new ClientCredentialsTokenProvider(
        http, json, url, id.value.get(), secret.value.get(), "public_profile", Clock.systemUTC());
  }

  /**
   * The file {@code --auth-config} names (which must exist), else the default one when it exists
   * and the options and environment left something to find.
   */
  private Optional<CredentialsFile> credentialsFile(Map<String, String> env, boolean complete) {
    if (authConfig != null) {
      return Optional.of(
          CredentialsFile.read(authConfig)
              .orElseThrow(
                  () -> FafException.usage("--auth-config: " + authConfig + " does not exist")));
    }
    Optional<String> home = first(env.get("HOME"), env.get("USERPROFILE"));
    if (complete || home.isEmpty()) {
      return Optional.empty(); // no HOME in the environment: tests and cron see no user file
    }
    return CredentialsFile.read(Path.of(home.get()).resolve(DEFAULT_CREDENTIALS));
  }

  /** A credential and where it came from: 0 option, 1 environment, 2 file. */
  private record Level(Optional<String> value, int rank) {
    static Level of(String option, String variable) {
      if (option != null && !option.isBlank()) {
        return new Level(Optional.of(option), 0);
      }
      return variable == null || variable.isBlank()
          ? new Level(Optional.empty(), 3)
          : new Level(Optional.of(variable), 1);
    }

    Level orFile(Optional<String> fromFile) {
      return found() || fromFile.isEmpty() ? this : new Level(fromFile, 2);
    }

    boolean found() {
      return value.isPresent();
    }
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
