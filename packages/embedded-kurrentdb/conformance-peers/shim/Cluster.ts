/**
 * Stands in for the client test suite's Docker cluster: every Cluster, whatever its node count,
 * is one fresh embedded KurrentDB in a child process with its own data directory. A secure
 * cluster serves TLS with the test certificates and enforces authentication, like a real secure
 * node; an insecure one allows everything, like `--insecure`.
 *
 * Copied over `src/utils/Cluster.ts` of the scratch copy of the client tests by the
 * conformance-peers runner, which passes its settings through the environment.
 */
import { spawn, type ChildProcess } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { randomUUID } from "crypto";

import type { EndPoint, Certificate } from "@kurrent/kurrentdb-client";

import type { ConnectionFeatures } from "./index";

const serverBin = process.env.EMBEDDED_KURRENTDB_BIN ?? "";
const tlsDirectory = process.env.EMBEDDED_KURRENTDB_TLS_DIR ?? "";
const dataRoot = process.env.EMBEDDED_KURRENTDB_DATA_ROOT ?? os.tmpdir();
/** Flags for every node, chosen by the runner (see its --server-args). */
const baseArgs = (process.env.EMBEDDED_KURRENTDB_ARGS ?? "").split(" ").filter((arg) => arg !== "");

/** EVENTSTORE_* settings the tests change, as flags of the embedded server. */
const optionFlags: Record<string, string> = {
  EVENTSTORE_MAX_APPEND_SIZE: "--max-append-size",
  EVENTSTORE_MAX_APPEND_EVENT_SIZE: "--max-append-event-size",
};

interface Running {
  child: ChildProcess;
  exited: Promise<void>;
}

export class Cluster {
  public domain = "127.0.0.1";
  private readonly id: string;
  private readonly secure: boolean;
  private readonly extraArgs: string[] = [];
  private port = 0;
  private running: Running | undefined;
  private logs = false;

  constructor(_count: number, insecure = false, id = randomUUID()) {
    this.id = id;
    this.secure = !insecure && tlsDirectory !== "";
  }

  public setLogLevel = (): this => this;

  public setOption = (key: string, value: unknown): this => {
    const flag = optionFlags[key];
    if (!flag) throw new Error(`the embedded cluster does not support option ${key}`);
    this.extraArgs.push(flag, String(value));
    return this;
  };

  public get certs(): { root: Buffer; users: { admin: Certificate; invalid: Certificate } } {
    const paths = this.certPath;
    const read = (file: string) => fs.readFileSync(file);
    return {
      root: read(paths.root),
      users: {
        admin: { userCertFile: read(paths.admin.certPath), userKeyFile: read(paths.admin.certKeyPath) },
        invalid: { userCertFile: read(paths.invalid.certPath), userKeyFile: read(paths.invalid.certKeyPath) },
      },
    };
  }

  /** User certificates are not provided: the tests that need them are out of scope. */
  public get certPath() {
    if (!this.secure) throw new Error("No Cert for insecure cluster");
    const missing = (name: string) => path.join(tlsDirectory, "users-not-provided", name);
    return {
      root: path.join(tlsDirectory, "ca.crt"),
      admin: { certPath: missing("user-admin.crt"), certKeyPath: missing("user-admin.key") },
      invalid: { certPath: missing("user-invalid.crt"), certKeyPath: missing("user-invalid.key") },
    };
  }

  public get uri(): string {
    return `${this.domain}:${this.port}`;
  }

  public get endpoints(): EndPoint[] {
    return [{ address: this.domain, port: this.port }];
  }

  public connectionString = (): string => this.connectionStringWithOverrides({});

  public connectionStringWithOverrides = (features: ConnectionFeatures): string => {
    const endpoints = (features.endpoints ?? this.endpoints).map((x) => `${x.address}:${x.port}`).join(",");
    const user = features.defaultUserCredentials ?? { username: "admin", password: "changeit" };
    const params: string[] = [];
    if (features.nodePreference) params.push(`nodePreference=${features.nodePreference}`);
    if (this.secure) {
      params.push("tls=true", `tlsCAFile=${this.certPath.root}`);
    } else {
      params.push("tls=false");
    }
    if (features.maxDiscoverAttempts) params.push(`maxDiscoverAttempts=${features.maxDiscoverAttempts}`);
    if (features.discoveryInterval) params.push(`discoveryInterval=${features.discoveryInterval}`);
    if (features.throwOnAppendFailure !== undefined && !features.throwOnAppendFailure) params.push("throwOnAppendFailure=false");
    if (features.defaultDeadline) params.push(`defaultDeadline=${features.defaultDeadline}`);
    if (features.connectionName) params.push(`connectionName=${features.connectionName}`);
    return `kurrentdb://${user.username}:${user.password}@${endpoints}?${params.join("&")}`;
  };

  public up = async (): Promise<void> => {
    if (this.running) return;
    await this.start();
  };

  public down = async (): Promise<void> => {
    await this.stop();
    fs.rmSync(this.dataDir(), { recursive: true, force: true });
  };

  public enableNodeLogs = async (): Promise<void> => {
    this.logs = true;
  };

  /** Like `docker compose stop`: the node shuts down and keeps its data. */
  public killNode = async (): Promise<void> => {
    await this.stop();
  };

  /** Brings a stopped node back on its old port with its old data. */
  public resurrect = async (): Promise<void> => {
    if (!this.running) await this.start();
  };

  public inspect = async (): Promise<void> => undefined;
  public openInBrowser = async (): Promise<void> => undefined;

  private dataDir(): string {
    return path.join(dataRoot, this.id);
  }

  private async start(): Promise<void> {
    const args = [serverBin, "--port", String(this.port), "--data", this.dataDir(), ...baseArgs, ...this.extraArgs];
    if (this.secure) {
      args.push("--certificate-file", path.join(tlsDirectory, "node.crt"), "--certificate-private-key-file", path.join(tlsDirectory, "node.key"));
    }
    const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    let output = "";
    child.stderr!.setEncoding("utf8").on("data", (chunk: string) => {
      output += chunk;
      if (this.logs) process.stderr.write(chunk);
    });
    const listening = await new Promise<string>((resolve, reject) => {
      let seen = "";
      child.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
        seen += chunk;
        const match = /listening on \S+:\/\/[^:]+:(\d+)/.exec(seen);
        if (match) resolve(match[1]);
      });
      void exited.then(() => reject(new Error(`embedded KurrentDB exited before listening: ${output}`)));
    });
    this.port = Number(listening);
    this.running = { child, exited };
  }

  private async stop(): Promise<void> {
    const running = this.running;
    if (!running) return;
    this.running = undefined;
    running.child.kill("SIGTERM");
    await running.exited;
  }
}
