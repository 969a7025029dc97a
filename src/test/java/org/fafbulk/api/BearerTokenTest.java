package org.fafbulk.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/** The renewal rule on its own, with hand-made 401 responses: no server needed. */
class BearerTokenTest {
  private static final HttpUrl API = HttpUrl.get("https://api.example/");

  /** Hands out token-1, token-2, ... and counts the invalidations. */
  private static final class CountingTokens implements TokenProvider {
    private final List<String> log = new ArrayList<>();
    private int issued = 1;

    @Override
    public Optional<String> token() {
      return Optional.of("token-" + issued);
    }

    @Override
    public void invalidate() {
      log.add("invalidate");
      issued++;
    }

    @Override
    public boolean hasCredentials() {
      return true;
    }
  }

  private static Response unauthorized(String url, Response prior) {
    return response(401, url, prior);
  }

  private static Response response(int code, String url, Response prior) {
    Request request =
        new Request.Builder().url(url).header("Authorization", "Bearer token-1").build();
    return new Response.Builder()
        .request(request)
        .protocol(Protocol.HTTP_1_1)
        .code(code)
        .message("status " + code)
        .priorResponse(prior)
        .build();
  }

  @Test
  void aFirstRefusalRenewsTheTokenAndRepeatsTheRequestWithIt() {
    CountingTokens tokens = new CountingTokens();

    Request again =
        new BearerToken(tokens, API).authenticate(null, unauthorized(API + "data/map", null));

    assertThat(tokens.log).containsExactly("invalidate");
    assertThat(again).isNotNull();
    assertThat(again.url().toString()).isEqualTo(API + "data/map");
    assertThat(again.header("Authorization")).isEqualTo("Bearer token-2");
  }

  @Test
  void aRefusalOfTheRenewedTokenIsFinal() {
    CountingTokens tokens = new CountingTokens();
    Response first = unauthorized(API + "data/map", null);

    Request again =
        new BearerToken(tokens, API).authenticate(null, unauthorized(API + "data/map", first));

    assertThat(again).isNull();
    assertThat(tokens.log).isEmpty();
  }

  @Test
  void okHttpsOwnRepeatOfA408DoesNotUseUpTheRenewal() {
    CountingTokens tokens = new CountingTokens();
    Response timeout = response(408, API + "data/map", null);

    Request again =
        new BearerToken(tokens, API).authenticate(null, unauthorized(API + "data/map", timeout));

    assertThat(again).isNotNull();
    assertThat(again.header("Authorization")).isEqualTo("Bearer token-2");
  }

  @Test
  void withoutCredentialsThereIsNothingToRenew() {
    Request again =
        new BearerToken(TokenProvider.none(), API)
            .authenticate(null, unauthorized(API + "data/map", null));

    assertThat(again).isNull();
  }

  @Test
  void aRefusalFromAnotherOriginGetsNoToken() {
    CountingTokens tokens = new CountingTokens();

    for (String elsewhere :
        List.of(
            "https://evil.example/data/map", "http://api.example/", "https://api.example:8443/")) {
      assertThat(new BearerToken(tokens, API).authenticate(null, unauthorized(elsewhere, null)))
          .as(elsewhere)
          .isNull();
    }
    assertThat(tokens.log).isEmpty();
  }

  @Test
  void itsDescriptionHidesAFixedToken() {
    assertThat(new BearerToken(TokenProvider.fixed("abc.secret"), API).toString())
        .doesNotContain("abc.secret");
  }
}
