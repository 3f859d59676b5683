package org.carelake.connect;

import java.util.Optional;
import org.apache.spark.sql.connect.service.SessionHolder;
import org.apache.spark.sql.connect.service.SparkConnectService$;
import org.carelake.dashboard.auth.AccessTokens;
import org.carelake.dashboard.auth.Role;
import org.carelake.dashboard.auth.User;
import org.sparkproject.connect.grpc.ForwardingServerCallListener;
import org.sparkproject.connect.grpc.Grpc;
import org.sparkproject.connect.grpc.Metadata;
import org.sparkproject.connect.grpc.ServerCall;
import org.sparkproject.connect.grpc.ServerCallHandler;
import org.sparkproject.connect.grpc.ServerInterceptor;
import org.sparkproject.connect.grpc.Status;
import org.sparkproject.connect.protobuf.Descriptors.FieldDescriptor;
import org.sparkproject.connect.protobuf.Message;
import scala.Option;

/**
 * Authenticates every Spark Connect request by its {@code Authorization: Bearer} access token (what clients send for
 * {@code sc://host:port/;token=...}): no valid token, UNAUTHENTICATED; care managers, PERMISSION_DENIED. The request's
 * {@code user_context.user_id} is replaced by the token's user, so Spark keys the Connect session by the authenticated
 * user whatever the client claims, and the session is bound to that user before Spark sees the request: the check rule
 * of {@link SqlEndpoint} then knows whose plan it analyzes. Spark instantiates this class by name (the
 * {@code spark.connect.grpc.interceptor.classes} setting), so it finds its endpoint through
 * {@link SqlEndpoint#current}.
 */
public final class TokenInterceptor implements ServerInterceptor {
  static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization",
      Metadata.ASCII_STRING_MARSHALLER);
  private static final String BEARER = "Bearer ";

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
      ServerCallHandler<Q, R> next) {
    SqlEndpoint endpoint = SqlEndpoint.current();
    if (endpoint == null) {
      return refuse(call, Status.UNAVAILABLE.withDescription("carelake: the SQL endpoint is stopping"));
    }
    String header = headers.get(AUTHORIZATION);
    if (header == null || !header.startsWith(BEARER) || header.length() == BEARER.length()) {
      return refuse(call, Status.UNAUTHENTICATED.withDescription("carelake: an access token is required: connect "
          + "with sc://HOST:PORT/;token=TOKEN (an administrator issues it: ./carelake user token NAME)"));
    }
    String token = header.substring(BEARER.length()).trim();
    Optional<User> user = token.startsWith(AccessTokens.PREFIX) ? endpoint.authenticate(token) : Optional.empty();
    if (user.isEmpty()) {
      return refuse(call, Status.UNAUTHENTICATED.withDescription("carelake: the access token is not valid (unknown, "
          + "revoked or replaced, or its user is disabled)"));
    }
    SqlEndpoint.Caller caller = new SqlEndpoint.Caller(user.get(), client(call));
    Role role = caller.user().role();
    if (role == Role.CARE_MANAGER) {
      String reason = "care managers have no SQL access: their panel is in the dashboard";
      endpoint.denied(caller, reason);
      return refuse(call, Status.PERMISSION_DENIED.withDescription("carelake: " + reason));
    }
    String method = call.getMethodDescriptor().getBareMethodName();
    if (role != Role.ADMIN && !AnalystRequests.METHODS.contains(method)) {
      String reason = role.id() + " may not call " + method + " (analysts run queries only)";
      endpoint.denied(caller, reason);
      return refuse(call, Status.PERMISSION_DENIED.withDescription("carelake: " + reason));
    }
    return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(next.startCall(call, headers)) {
      private boolean refused;

      @Override
      public void onMessage(Q message) {
        if (refused) {
          return;
        }
        Status problem;
        Q admitted = message;
        try {
          admitted = admit(endpoint, caller, message);
          problem = null;
        } catch (Refused e) {
          problem = e.status;
        } catch (RuntimeException e) {
          problem = Status.INVALID_ARGUMENT.withDescription("carelake: " + e.getMessage());
        }
        if (problem != null) {
          refused = true;
          call.close(problem, new Metadata());
          return;
        }
        super.onMessage(admitted);
      }

      @Override
      public void onHalfClose() {
        if (!refused) {
          super.onHalfClose();
        }
      }
    };
  }

  /** The request with the token's user in its user context, once its session is bound to that user. */
  @SuppressWarnings("unchecked")
  private static <Q> Q admit(SqlEndpoint endpoint, SqlEndpoint.Caller caller, Q message) throws Refused {
    if (!(message instanceof Message request)) {
      return message;
    }
    User user = caller.user();
    if (user.role() != Role.ADMIN) {
      String refusal = AnalystRequests.refusal(request);
      if (refusal != null) {
        endpoint.denied(caller, refusal);
        throw new Refused(Status.PERMISSION_DENIED.withDescription("carelake: " + refusal));
      }
    }
    FieldDescriptor context = request.getDescriptorForType().findFieldByName("user_context");
    FieldDescriptor sessionId = request.getDescriptorForType().findFieldByName("session_id");
    if (context == null || sessionId == null) {
      throw new Refused(Status.PERMISSION_DENIED.withDescription("carelake: unexpected request "
          + request.getDescriptorForType().getName()));
    }
    Message ctx = (Message) request.getField(context);
    FieldDescriptor userId = ctx.getDescriptorForType().findFieldByName("user_id");
    Message rewritten = request.toBuilder().setField(context, ctx.toBuilder().setField(userId, user.name()).build())
        .build();
    String sid = (String) request.getField(sessionId);
    // Created here, not by the service, so that it is bound before any plan of it is analyzed.
    SessionHolder holder = SparkConnectService$.MODULE$.getOrCreateIsolatedSession(user.name(), sid, Option.empty());
    if (!endpoint.bind(holder.session(), caller)) {
      throw new Refused(Status.PERMISSION_DENIED.withDescription("carelake: the session is another user's"));
    }
    return (Q) rewritten;
  }

  private static String client(ServerCall<?, ?> call) {
    Object remote = call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
    return "connect:" + (remote == null ? "?" : remote.toString().replaceFirst("^/", ""));
  }

  private static <Q, R> ServerCall.Listener<Q> refuse(ServerCall<Q, R> call, Status status) {
    call.close(status, new Metadata());
    return new ServerCall.Listener<>() {};
  }

  /** A request refused with this status. */
  private static final class Refused extends Exception {
    final transient Status status;

    Refused(Status status) {
      super(status.getDescription(), null, false, false);
      this.status = status;
    }
  }
}
