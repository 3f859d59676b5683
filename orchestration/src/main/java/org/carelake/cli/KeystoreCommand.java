package org.carelake.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.carelake.core.crypto.AtRestEncryption;
import org.carelake.core.crypto.Keystores;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code carelake keystore create}: the master keys of encryption at rest for the embedded default. */
@Command(name = "keystore", mixinStandardHelpOptions = true,
    description = "Master keys for encrypting PHI columns at rest (docs/security.md).",
    subcommands = {KeystoreCommand.Create.class})
final class KeystoreCommand {
  @Command(name = "create", mixinStandardHelpOptions = true,
      description = "Write a new PKCS12 keystore with fresh AES-256 master keys (never replaces one: the data "
          + "encrypted with it would be lost). The password comes from --password-file, else the console, else the "
          + "first line of standard input.")
  static final class Create implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "KEYSTORE", description = "Where to write it: a path or Hadoop URI.")
    String location;

    @Option(names = "--password-file", paramLabel = "FILE", description = "File whose first line is the password.")
    Path passwordFile;

    @Override
    public Integer call() throws Exception {
      char[] password = UserCommand.readPassword(passwordFile, "the keystore");
      if (password.length < 12) {
        throw new IllegalArgumentException("the keystore password needs at least 12 characters");
      }
      Keystores.create(location, password, new org.apache.hadoop.conf.Configuration());
      System.out.printf("keystore %s created with master keys %s and %s%n", location, AtRestEncryption.FOOTER_KEY,
          AtRestEncryption.COLUMN_KEY);
      System.out.printf("encrypt at rest with: -D%s=%s -D%s=PASSWORD_FILE (or $%s); keep a backup of both%n",
          AtRestEncryption.KEYSTORE, location, AtRestEncryption.PASSWORD_FILE, AtRestEncryption.PASSWORD_ENV);
      return Carelake.OK;
    }
  }
}
