import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Build step, run by reconciler/pom.xml after shading, as a single-file program with ASM on the
 * class path: {@code UpgradeClassFiles JAR PREFIX...} rewrites, in place, every class file of JAR
 * under one of the PREFIXes (such as {@code picocli/}) whose class-file version is below 50
 * (Java 6) as the same class at version 52 (Java 8), with the stack map frames that version
 * requires computed by ASM. Nothing else changes: same members, same code, same entries in the
 * same order. It fails (exit 1) when a PREFIX matches no old class (the dependency moved on: drop
 * the step) or when a class uses JSR/RET, which versions 51 and later forbid.
 *
 * <p>Why: a JDK 17 class-data-sharing archive made at exit ({@code -XX:ArchiveClassesAtExit},
 * what bin/roster makes) leaves out every "old" class (version below 50) that has been linked,
 * and every class that extends or implements one ("Skipping ...: Old class has been linked"):
 * JDK 17 verifies old classes with the old verifier, which records no constraints for the
 * archive to check later. Those classes are then read from the jar and verified at each start.
 * picocli 4.x ships version 49 (Java 5) class files; its Apache License 2.0 allows this change.
 */
public final class UpgradeClassFiles {
  private static final int TARGET = Opcodes.V1_8;

  public static void main(String[] args) throws IOException {
    Path jar = Path.of(args[0]);
    Path tmp = jar.resolveSibling(jar.getFileName() + ".upgrading");
    int[] upgraded = new int[args.length];
    try (ZipFile in = new ZipFile(jar.toFile());
        URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()},
            ClassLoader.getPlatformClassLoader());
        OutputStream file = Files.newOutputStream(tmp);
        ZipOutputStream out = new ZipOutputStream(file)) {
      for (Enumeration<? extends ZipEntry> e = in.entries(); e.hasMoreElements(); ) {
        ZipEntry entry = e.nextElement();
        byte[] bytes;
        try (InputStream s = in.getInputStream(entry)) {
          bytes = s.readAllBytes();
        }
        int prefix = prefix(entry.getName(), args);
        if (prefix > 0 && entry.getName().endsWith(".class") && version(bytes) < 50) {
          bytes = upgrade(new ClassReader(bytes), loader);
          upgraded[prefix]++;
        }
        ZipEntry copy = new ZipEntry(entry.getName());
        copy.setTime(entry.getTime());
        out.putNextEntry(copy);
        out.write(bytes);
        out.closeEntry();
      }
    }
    for (int i = 1; i < args.length; i++) {
      if (upgraded[i] == 0) {
        Files.delete(tmp);
        System.err.println("UpgradeClassFiles: no class file below version 50 under " + args[i]
            + " in " + jar);
        System.exit(1);
      }
      System.out.println("UpgradeClassFiles: " + upgraded[i] + " class files under " + args[i]
          + " upgraded to version " + TARGET + " in " + jar.getFileName());
    }
    Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING);
  }

  /** The index in {@code args} (from 1) of the prefix {@code name} starts with; 0 if none. */
  private static int prefix(String name, String[] args) {
    for (int i = 1; i < args.length; i++) {
      if (name.startsWith(args[i])) {
        return i;
      }
    }
    return 0;
  }

  private static int version(byte[] classFile) {
    return ((classFile[6] & 0xff) << 8) | (classFile[7] & 0xff);
  }

  private static byte[] upgrade(ClassReader reader, ClassLoader loader) {
    ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
      @Override
      protected ClassLoader getClassLoader() {
        return loader; // common super classes are looked up among the jar's own classes too
      }
    };
    reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
      private String name;

      @Override
      public void visit(int version, int access, String name, String signature, String superName,
          String[] interfaces) {
        this.name = name;
        super.visit(TARGET, access, name, signature, superName, interfaces);
      }

      @Override
      public MethodVisitor visitMethod(int access, String method, String descriptor,
          String signature, String[] exceptions) {
        MethodVisitor mv = super.visitMethod(access, method, descriptor, signature, exceptions);
        return new MethodVisitor(Opcodes.ASM9, mv) {
          @Override
          public void visitJumpInsn(int opcode, Label label) {
            if (opcode == Opcodes.JSR) {
              throw new IllegalStateException(name + "." + method + " uses JSR");
            }
            super.visitJumpInsn(opcode, label);
          }

          @Override
          public void visitVarInsn(int opcode, int var) {
            if (opcode == Opcodes.RET) {
              throw new IllegalStateException(name + "." + method + " uses RET");
            }
            super.visitVarInsn(opcode, var);
          }
        };
      }
    }, 0);
    return writer.toByteArray();
  }
}
