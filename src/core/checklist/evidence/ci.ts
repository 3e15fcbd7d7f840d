import { fileDetector } from './file-detector';

// A continuous-integration configuration of any of the common services.
const CI_FILES: RegExp[] = [
  /^\.github\/workflows\/[^/]+\.ya?ml$/, // GitHub Actions
  /^\.gitlab-ci\.ya?ml$/,
  /^\.circleci\/config\.ya?ml$/,
  /^azure-pipelines\.ya?ml$/,
  /^Jenkinsfile$/,
  /^bitbucket-pipelines\.ya?ml$/,
  /^\.travis\.ya?ml$/,
  /^\.drone\.ya?ml$/,
  /^\.buildkite\/pipeline\.ya?ml$/,
  /^\.woodpecker(\.ya?ml|\/[^/]+\.ya?ml)$/,
];

export const ci = fileDetector({
  id: 'ci',
  title: 'Continuous integration',
  looksFor: 'a CI configuration: GitHub Actions, GitLab CI, CircleCI, Azure Pipelines, Jenkins, Bitbucket, Travis, Drone, Buildkite, Woodpecker',
  files: (rel) => CI_FILES.some((re) => re.test(rel)),
  otherwise: 'no CI configuration (.github/workflows, .gitlab-ci.yml, Jenkinsfile, ...)',
});
