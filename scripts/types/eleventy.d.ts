// The part of Eleventy 3's programmatic API the build uses (the package ships no types).
declare module '@11ty/eleventy' {
  interface EleventyUserConfig {
    addGlobalData(name: string, value: unknown): EleventyUserConfig;
  }
  interface EleventyOptions {
    quietMode?: boolean;
    configPath?: string;
    runMode?: 'build' | 'serve' | 'watch';
    config?: (cfg: EleventyUserConfig) => void;
  }
  export default class Eleventy {
    constructor(input?: string, output?: string, options?: EleventyOptions);
    write(): Promise<unknown>;
    disableLogger(): void;
    toJSON(): Promise<Array<{ url: string; inputPath: string; outputPath: string; content: string }>>;
  }
}
