// @tributary/declarative: runs Airbyte's declarative (low-code) YAML manifests on Tributary's CDK.
export {};
